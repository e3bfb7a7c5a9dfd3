// Small, readable steps over the real window. Selectors use what a person sees: names and texts.
const q = (s) => JSON.stringify(s); // XPath string literal (our texts hold no double quotes)

// A button by its name: its whole text, its aria-label, or the text of a visible part
// (e.g. a profile row whose avatar initial is aria-hidden).
export const byButton = (b, name) =>
  b.$(
    `//button[normalize-space(.)=${q(name)} or @aria-label=${q(name)} or .//*[not(@aria-hidden="true")][normalize-space(text())=${q(name)}]]`,
  );
export const byText = (b, text) => b.$(`//*[normalize-space(text())=${q(text)}]`);

export async function click(b, name) {
  const el = await byButton(b, name);
  await el.waitForClickable({ timeout: 10_000 });
  await el.click();
}

export async function waitForText(b, text, timeout = 15_000) {
  await (await byText(b, text)).waitForDisplayed({ timeout });
}

/** Sets a React-controlled input's value the way typing would (fast for very long text). */
export async function fill(b, label, value) {
  const input = await b.$(`//label[normalize-space(.)=${q(label)}]/following::input[1]`);
  await input.waitForDisplayed({ timeout: 15_000 });
  await b.execute(
    (el, v) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setter.call(el, v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    input,
    value,
  );
}

/** Sets a labelled input, textarea or select the way a person's input would (labels may be hidden). */
export async function fillField(b, label, value) {
  const el = await b.$(`//*[@id=//label[normalize-space(.)=${q(label)}]/@for]`);
  await el.waitForExist({ timeout: 15_000 });
  await b.execute(
    (node, v) => {
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(node), "value").set;
      setter.call(node, v);
      node.dispatchEvent(new Event(node.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
    },
    el,
    value,
  );
}

/** The text of the first non-empty alert, read in the page (React may replace the node meanwhile). */
export async function alertText(b) {
  let text = "";
  await b.waitUntil(
    async () => {
      text = await b.execute(() =>
        [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent.trim()).find(Boolean) ?? "",
      );
      return text !== "";
    },
    { timeout: 10_000, timeoutMsg: "no alert appeared" },
  );
  return text;
}

export const htmlAttr = (b, name) => b.execute((n) => document.documentElement.getAttribute(n), name);

export async function waitForHtmlAttr(b, name, value) {
  await b.waitUntil(async () => (await htmlAttr(b, name)) === value, {
    timeout: 10_000,
    timeoutMsg: `<html ${name}> never became ${value}`,
  });
}

/** From the name step: picks the first option of each of the 8 questions and "None of these". */
export async function answerQuestions(b) {
  await click(b, "Next");
  for (let i = 1; i <= 8; i++) {
    await waitForText(b, `${i} of 8`);
    const first = await b.$("main [aria-pressed], form [aria-pressed], [aria-pressed]");
    await first.click();
    await click(b, "Next");
  }
  await click(b, "None of these");
}

/** Runs onboarding with `name` and waits for the chat screen that greets them. */
export async function onboard(b, name) {
  await fill(b, "Your name", name);
  await answerQuestions(b);
  await click(b, "Finish");
  await waitForText(b, `Hi, ${name}`);
}
