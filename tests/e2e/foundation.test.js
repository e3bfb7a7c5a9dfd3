// The foundation, end to end in the real app: onboarding, theme persistence, profile isolation,
// and typed errors for bad input, each from a fresh data directory.
import assert from "node:assert/strict";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import {
  alertText, answerQuestions, byButton, click, fill, htmlAttr, onboard, waitForHtmlAttr, waitForText,
} from "./ui.js";

test("onboarding creates a profile", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await waitForText(b, "Welcome to Wbot");
    await onboard(b, "Ana");
    const { ok: profiles } = await invoke(b, "list_profiles");
    assert.equal(profiles.length, 1);
    assert.equal(profiles[0].displayName, "Ana");
    const { ok: answers } = await invoke(b, "get_onboarding", { profileId: profiles[0].id });
    assert.deepEqual(answers.contraindications, []);
    assert.equal(answers.currentFeeling, "great", "the first option of question 1 was picked");
  });
});

test("the theme choice survives an app restart", async (t) => {
  await withApp(t, async (app) => {
    let b = app.browser;
    await onboard(b, "Ana");
    await click(b, "Dark theme");
    await waitForHtmlAttr(b, "data-theme", "dark");
    b = await app.open(); // quit and start the app again on the same data directory
    await waitForText(b, "Hi, Ana");
    await waitForHtmlAttr(b, "data-theme-choice", "dark");
    assert.equal(await htmlAttr(b, "data-theme"), "dark");
    assert.equal(await (await byButton(b, "Dark theme")).getAttribute("aria-pressed"), "true");
  });
});

test("a second profile sees none of the first profile's data", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    await click(b, "Dark theme");
    await waitForHtmlAttr(b, "data-theme", "dark");
    await click(b, "Switch profile");
    await click(b, "Add profile");
    await onboard(b, "Ben");
    await waitForHtmlAttr(b, "data-theme-choice", "system");
    const { ok: ben } = await invoke(b, "active_profile");
    assert.equal(ben.displayName, "Ben");
    const { ok: settings } = await invoke(b, "get_settings", { profileId: ben.id });
    assert.equal(settings.theme, "system", "Ben does not get Ana's dark theme");
    assert.equal(await (await byButton(b, "Dark theme")).getAttribute("aria-pressed"), "false");
    // Switching back shows Ana's own data again.
    await click(b, "Switch profile");
    await click(b, "Ana");
    await waitForText(b, "Hi, Ana");
    await waitForHtmlAttr(b, "data-theme-choice", "dark");
  });
});

test("bad input gets a typed error in the UI and nothing saved is lost", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    // Empty name: the core's reason is worded by the UI; the answers stay.
    await answerQuestions(b);
    await click(b, "Finish");
    assert.equal(await alertText(b), "The name cannot be empty; please write something first.");
    // 10,000 characters: rejected with its length.
    for (let i = 0; i < 9; i++) await click(b, "Back");
    await fill(b, "Your name", "x".repeat(10_000));
    for (let i = 0; i < 9; i++) await click(b, "Next");
    await click(b, "Finish");
    assert.match(await alertText(b), /^The name can be at most 100 characters; this one has 10,000\./);
    for (let i = 0; i < 9; i++) await click(b, "Back");
    await fill(b, "Your name", "Ana");
    for (let i = 0; i < 9; i++) await click(b, "Next");
    await click(b, "Finish");
    await waitForText(b, "Hi, Ana");
    await click(b, "Dark theme");
    await waitForHtmlAttr(b, "data-theme", "dark");

    // Unknown enum value: a language the app does not have, chosen in the real settings screen.
    await click(b, "Settings");
    const select = await b.$('//label[normalize-space(.)="Language"]/following::select[1]');
    await select.waitForDisplayed({ timeout: 10_000 });
    await b.execute((el) => {
      const opt = document.createElement("option");
      opt.value = "klingon";
      opt.textContent = "Klingon";
      el.appendChild(opt);
    }, select);
    await select.selectByAttribute("value", "klingon");
    assert.equal(await alertText(b), "Wbot could not understand this request. Please try again.");
    const { err: enumError } = await invoke(b, "update_settings", {
      profileId: (await invoke(b, "active_profile")).ok.id,
      settings: {
        theme: "neon", locale: "en", cueVolume: 50, ambientVolume: 50, muted: false, ambientOn: false, ambientSound: "ocean",
        streaksOn: true, badgesOn: true, weeklyGoalDays: 5, voiceCuesOn: false, voiceCueVolume: 80, breathSoundsOn: false,
        breathVolume: 50, remoteMemories: false, remoteAboutYou: false,
      },
    });
    assert.deepEqual([enumError.code, enumError.reason, enumError.params.value], ["validation", "invalid_input", "settings"]);

    // Unknown profile id: the switcher still lists a profile that was deleted behind its back.
    const { ok: ana } = await invoke(b, "active_profile");
    const { ok: answers } = await invoke(b, "get_onboarding", { profileId: ana.id });
    const { ok: ghost } = await invoke(b, "create_profile", { input: { displayName: "Ghost", onboarding: answers } });
    await invoke(b, "switch_profile", { profileId: ana.id });
    await b.refresh();
    await waitForText(b, "Hi, Ana");
    await click(b, "Switch profile");
    await (await byButton(b, "Ghost")).waitForDisplayed({ timeout: 10_000 });
    assert.deepEqual(await invoke(b, "delete_profile", { profileId: ghost.id }), { ok: null });
    await click(b, "Ghost");
    assert.equal(await alertText(b), "The profile could not be found; it may have been deleted.");
    const { err: malformed } = await invoke(b, "switch_profile", { profileId: "not-an-id" });
    assert.deepEqual([malformed.code, malformed.reason, malformed.params.subject], ["validation", "invalid_format", "profile"]);

    // Nothing already saved was lost.
    const { ok: profiles } = await invoke(b, "list_profiles");
    assert.deepEqual(profiles, [ana]);
    const { ok: settings } = await invoke(b, "get_settings", { profileId: ana.id });
    assert.equal(settings.theme, "dark");
    assert.equal(settings.locale, "en");
  });
});
