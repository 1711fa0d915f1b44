// End-to-end: a reader's path through the web page, in headless Chromium.
//
//   BASE_URL=http://127.0.0.1:PORT SHOTS=dir node browser.mjs
//
// Against `precedent serve` over the seed orders: search "preservation
// orders" (orders, a date range, the propositions scope), open American
// LegalNet's authority page and check its citing orders (by case name and
// court abbreviation), their filters and sort, and the shared proposition;
// open seed 002, its authorities cited, a proposition's place in the text,
// and follow its Leon citation; open the API page. Every page is also
// loaded at phone width (390 px) and must not overflow it: the document is
// no wider than the viewport and no element's right edge is past it.
// Screenshots of each page go to SHOTS (each path is printed). Exits
// non-zero when a check failed.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

const base = process.env.BASE_URL;
const shots = resolve(process.env.SHOTS || "screenshots");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!base) {
  console.error("browser.mjs: set BASE_URL to the running server");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const SEEDS = ["000_9d8638a24f1521ae", "002_7121a4bf7ae7f580", "003_d0a0482d4ad8489c"];
const ALN = "/authority?key=673%20F.%20Supp.%202d%201063";
const PHONE = 390;
let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

async function shoot(page, name) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`     screenshot: ${path}`);
}

/// What runs past the right edge of the viewport: the document's scroll
/// width, and every visible element whose right edge is past it.
async function overflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const past = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 0.5) {
        const cls = typeof el.className === "string" && el.className ? "." + el.className.split(" ")[0] : "";
        past.push(`${el.tagName.toLowerCase()}${cls} to ${Math.round(r.right)}px`);
      }
    }
    return { scrollWidth: document.scrollingElement.scrollWidth, width, past };
  });
}

/// Loads `path` at phone width, checks that nothing overflows, saves a screenshot.
async function onPhone(browser, path, name) {
  const phone = await browser.newPage({ viewport: { width: PHONE, height: 844 }, isMobile: true });
  try {
    await phone.goto(base + path);
    const o = await overflow(phone);
    // A mobile browser widens its layout viewport to content that does not
    // fit (innerWidth grows past 390), so the width is checked against the
    // phone's, not only against innerWidth.
    check(
      o.width === PHONE && o.scrollWidth <= PHONE && o.past.length === 0,
      `${name} fits a phone's width (scrollWidth ${o.scrollWidth}, viewport ${o.width} of ${PHONE}px${
        o.past.length ? "; past the edge: " + o.past.slice(0, 5).join(", ") : ""
      })`,
    );
    await shoot(phone, `${name}-phone`);
    return phone;
  } catch (e) {
    await phone.close();
    throw e;
  }
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
  await page.fill("header input[name=q]", "preservation orders");
  await Promise.all([page.waitForNavigation(), page.press("header input[name=q]", "Enter")]);
  const searchUrl = page.url().slice(base.length);
  const hits = await page.locator("li.hit").count();
  check(hits === 3, `search "preservation orders" lists the 3 seed orders (got ${hits})`);
  const marks = await page.locator("li.hit mark").count();
  check(marks > 0, `snippets highlight the words (${marks} marks)`);
  const facets = await page.locator("aside.facets li").count();
  check(facets > 0, `facets are shown (${facets} values)`);
  const courtFacets = await page.locator("aside.facets li a abbr").allInnerTexts();
  check(
    courtFacets.includes("N.D. Cal.") && courtFacets.includes("E.D. Cal."),
    `court facets read as abbreviations (${courtFacets.join(", ")})`,
  );
  await shoot(page, "search");
  (await onPhone(browser, searchUrl, "search")).close();

  // An opinion with a long file id and an unbroken link in its text.
  (await onPhone(browser, "/?q=suppression", "search-long-ids")).close();

  // A date range narrows the search: the seeds are of 2016, 2017 and 2018.
  await page.fill("form.range input[name=from]", "2017");
  await page.fill("form.range input[name=to]", "2018");
  await Promise.all([page.waitForNavigation(), page.click("form.range button")]);
  const ranged = await page.locator("li.hit").count();
  check(ranged === 2, `dated 2017–2018, the search lists 2 seed orders (got ${ranged})`);
  check(
    (await page.locator("header input[name=q]").inputValue()) === "preservation orders",
    "the search box keeps the words, not the range",
  );

  // The propositions scope: its hits take the page's width, not the facet column's.
  await page.goto(base + "/?q=preservation%20orders&scope=propositions");
  const props = await page.locator("li.hit").count();
  check(props > 0, `the propositions scope lists propositions (${props})`);
  const widths = await page.evaluate(() => ({
    hits: document.querySelector("ol.hits").getBoundingClientRect().width,
    main: document.querySelector("main").clientWidth,
  }));
  check(
    widths.hits > 0.8 * (widths.main - 40),
    `propositions take the page's width (${Math.round(widths.hits)} of ${widths.main}px)`,
  );
  await shoot(page, "search-propositions");
  (await onPhone(browser, "/?q=preservation%20orders&scope=propositions", "search-propositions")).close();

  // 2. From an order's text to American LegalNet's authority page.
  await page.goto(`${base}/order/${SEEDS[0]}`);
  const aln = page.locator('article.text a.cite[href*="673%20F.%20Supp.%202d%201063"]').first();
  check((await aln.count()) === 1, "seed 000 links its American LegalNet citation");
  await Promise.all([page.waitForNavigation(), aln.click()]);
  const h1 = await page.locator("h1").first().innerText();
  check(/LegalNet/.test(h1), `the authority page is American LegalNet's ("${h1}")`);
  const citing = page.locator("table.citing a.order");
  const hrefs = await citing.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  for (const id of SEEDS) {
    check(hrefs.some((h) => h.startsWith(`/order/${id}`)), `the authority page lists seed ${id}`);
  }
  const names = await citing.allInnerTexts();
  check(
    names.includes("Artec Group, Inc. v. Andrey Klimov, et al.") && names.every((n) => !SEEDS.includes(n)),
    `citing orders are shown by case name (${names.join("; ")})`,
  );
  const courts = await page.locator("table.citing td[data-label=Court]").allInnerTexts();
  check(
    courts.every((c) => /Cal\.$/.test(c)),
    `citing courts are shown as abbreviations (${courts.join(", ")})`,
  );
  const heading = await page.locator("section h2").first().innerText();
  check(/Cited by 3 orders/.test(heading), `it says "${heading}"`);
  const shared = page.locator("li.prop", { hasText: "power to issue preservation orders" }).first();
  check((await shared.count()) === 1, "the shared proposition is listed under How cited");
  const sharedOrders = await shared
    .locator(":scope > .meta a")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  check(
    SEEDS.every((id) => sharedOrders.some((h) => h.startsWith(`/order/${id}#c`))),
    `the shared proposition links each seed's place in its text (${sharedOrders.join(", ")})`,
  );
  check((await page.locator("svg.chart rect").count()) > 0, "the year chart is drawn");
  await shoot(page, "authority");

  // Filter by court, then sort by case name.
  await page.selectOption("form.filter select[name=court]", "cand");
  await Promise.all([page.waitForNavigation(), page.click("form.filter button")]);
  const filtered = await page.locator("table.citing a.order").allInnerTexts();
  check(
    filtered.length === 1 && /Artec/.test(filtered[0]),
    `filtered by court N.D. Cal., one citing order is left (${filtered.join("; ")})`,
  );
  await page.goto(base + ALN);
  await Promise.all([
    page.waitForNavigation(),
    page.locator("table.citing th a", { hasText: "Order" }).first().click(),
  ]);
  const sorted = await page.locator("table.citing a.order").allInnerTexts();
  check(
    sorted.length === 3 && sorted.every((n, i) => i === 0 || sorted[i - 1].localeCompare(n) <= 0),
    `sorted by case name (${sorted.join("; ")})`,
  );
  (await onPhone(browser, ALN, "authority")).close();

  // 3. Seed 002: its authorities cited, a proposition's place, then Leon.
  await page.goto(`${base}/order/${SEEDS[1]}`);
  const leon = page.locator('article.text a.cite[href*="464%20F.3d%20951"]').first();
  check((await leon.count()) === 1, "seed 002 links its Leon citation");
  const cited = page.locator("aside.toa li.cited");
  check((await cited.count()) >= 3, `seed 002 lists the authorities it cites (${await cited.count()})`);
  const alnCited = cited.filter({ hasText: "American LegalNet" }).first();
  check(
    (await alnCited.locator(".badge.positive").count()) === 1,
    "American LegalNet is shown with its treatment",
  );
  const forLink = alnCited.locator("ul.for a").first();
  const target = await forLink.getAttribute("href");
  await forLink.click();
  check(
    page.url().endsWith(target) &&
      (await page.locator(`article.text ${target}`).count()) === 1,
    `a proposition links to its place in the text (${target})`,
  );
  await shoot(page, "order");
  (await onPhone(browser, `/order/${SEEDS[1]}`, "order")).close();
  await Promise.all([page.waitForNavigation(), leon.click()]);
  const leonTitle = await page.locator("h1").first().innerText();
  check(/Leon/.test(leonTitle), `following the link opens Leon's page ("${leonTitle}")`);
  const leonCiting = await page
    .locator("table.citing a.order")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  check(
    leonCiting.some((h) => h.startsWith(`/order/${SEEDS[1]}`)),
    "Leon's page lists seed 002 among its citing orders",
  );

  // 4. The API link opens a page, not raw JSON.
  await page.goto(base + "/");
  await Promise.all([page.waitForNavigation(), page.click("header nav a:text('API')")]);
  const apiTitle = await page.locator("h1").first().innerText();
  check(/API/.test(apiTitle), `the API link opens the API page ("${apiTitle}")`);
  const routes = await page.locator("section.route").count();
  check(routes >= 8, `the API page describes every route (${routes})`);
  await shoot(page, "api");
  (await onPhone(browser, "/api", "api")).close();
  (await onPhone(browser, "/top", "top")).close();
  (await onPhone(browser, "/", "home")).close();

  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join("; ")})`);
} finally {
  await browser.close();
}
console.log(`screenshots in ${shots}`);
console.log(failures ? `${failures} check(s) failed` : "all browser checks passed");
process.exit(failures ? 1 : 0);
