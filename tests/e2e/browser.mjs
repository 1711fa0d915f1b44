// End-to-end: a reader's path through the web page, in headless Chromium.
//
//   BASE_URL=http://127.0.0.1:PORT SHOTS=dir node browser.mjs
//
// Against `precedent serve` over the seed orders: search "preservation
// orders", open American LegalNet's authority page and check it lists all
// three seed orders and the shared proposition; open seed 002 and follow its
// Leon citation. Saves a screenshot of each page (laptop width) and of the
// authority page at phone width. Exits non-zero on the first failed check.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const base = process.env.BASE_URL;
const shots = process.env.SHOTS || "screenshots";
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!base) {
  console.error("browser.mjs: set BASE_URL to the running server");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const SEEDS = ["000_9d8638a24f1521ae", "002_7121a4bf7ae7f580", "003_d0a0482d4ad8489c"];
let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // Chromium's own network chatter is refused on a closed machine; keep it quiet.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("dialog", (d) => {
    check(false, `no script runs from document text (a dialog opened: ${d.message()})`);
    d.dismiss();
  });

  // 1. Search from the start page.
  await page.goto(base + "/");
  await page.fill("input[name=q]", "preservation orders");
  await Promise.all([page.waitForNavigation(), page.press("input[name=q]", "Enter")]);
  const hits = await page.locator("li.hit").count();
  check(hits === 3, `search "preservation orders" lists the 3 seed orders (got ${hits})`);
  const marks = await page.locator("li.hit mark").count();
  check(marks > 0, `snippets highlight the words (${marks} marks)`);
  const facets = await page.locator("aside.facets li").count();
  check(facets > 0, `facets are shown (${facets} values)`);
  await page.screenshot({ path: join(shots, "search.png"), fullPage: true });

  // 2. From an order's text to American LegalNet's authority page.
  await page.click(`li.hit a.title[href="/order/${SEEDS[0]}"]`);
  await page.waitForLoadState();
  const aln = page.locator('article.text a.cite[href*="673%20F.%20Supp.%202d%201063"]').first();
  check((await aln.count()) === 1, "seed 000 links its American LegalNet citation");
  await Promise.all([page.waitForNavigation(), aln.click()]);
  const h1 = await page.locator("h1").first().innerText();
  check(/LegalNet/.test(h1), `the authority page is American LegalNet's ("${h1}")`);
  const citing = await page.locator("table.citing a[href^='/order/']").allInnerTexts();
  for (const id of SEEDS) {
    check(citing.includes(id), `the authority page lists seed ${id}`);
  }
  const heading = await page.locator("section h2").first().innerText();
  check(/Cited by 3 orders/.test(heading), `it says "${heading}"`);
  const shared = page.locator("li.prop", { hasText: "power to issue preservation orders" }).first();
  check((await shared.count()) === 1, "the shared proposition is listed under How cited");
  const sharedOrders = await shared.locator("a").allInnerTexts();
  check(
    SEEDS.every((id) => sharedOrders.includes(id)),
    `the shared proposition is relied on by all three seeds (${sharedOrders.join(", ")})`,
  );
  check((await page.locator("svg.chart rect").count()) > 0, "the year chart is drawn");
  await page.screenshot({ path: join(shots, "authority.png"), fullPage: true });

  // The same page on a phone.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phone.goto(page.url());
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the authority page fits a phone's width (overflow ${overflow}px)`);
  await phone.screenshot({ path: join(shots, "authority-phone.png"), fullPage: true });
  await phone.close();

  // 3. Seed 002, then its Leon citation.
  await page.goto(`${base}/order/${SEEDS[1]}`);
  const leon = page.locator('article.text a.cite[href*="464%20F.3d%20951"]').first();
  check((await leon.count()) === 1, "seed 002 links its Leon citation");
  check(
    (await page.locator("aside.toa li").count()) > 0,
    "seed 002 shows its table of authorities",
  );
  await page.screenshot({ path: join(shots, "order.png"), fullPage: true });
  await Promise.all([page.waitForNavigation(), leon.click()]);
  const leonTitle = await page.locator("h1").first().innerText();
  check(/Leon/.test(leonTitle), `following the link opens Leon's page ("${leonTitle}")`);
  const leonCiting = await page.locator("table.citing a[href^='/order/']").allInnerTexts();
  check(leonCiting.includes(SEEDS[1]), "Leon's page lists seed 002 among its citing orders");

  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join("; ")})`);
} finally {
  await browser.close();
}
console.log(failures ? `${failures} check(s) failed` : "all browser checks passed");
process.exit(failures ? 1 : 0);
