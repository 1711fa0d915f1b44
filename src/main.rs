//! The `precedent` binary: a thin shell over [`precedent::cli`].

// glibc malloc took 28% of the build's cycles (many small strings and
// documents freed on other threads); mimalloc's per-thread heaps avoid that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(precedent::cli::main());
}
