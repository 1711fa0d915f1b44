//! The `precedent` binary: a thin shell over [`precedent::cli`].

fn main() {
    std::process::exit(precedent::cli::main());
}
