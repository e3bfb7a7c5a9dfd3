// A Spanish-speaking profile end to end in the real app, with the real multilingual model: a crisis message
// that names no method and no "suicide" raises the safety card in Spanish, with Spain's line; a memory
// written in Spanish is found on the Memories screen by a Spanish paraphrase that shares none of its words;
// an error the core refuses with (a memory over the limit) is worded in Spanish, numbers included.
import assert from "node:assert/strict";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { click, fillField, onboard, waitForText } from "./ui.js";

const q = (s) => JSON.stringify(s);

const CANELO = "Mi perro Canelo se escapó del parque y lo buscamos toda la tarde";
const PAELLA = "Los domingos cocino paella para toda la familia";

/** The memory texts the screen lists now, top to bottom. */
const shownMemories = (b) =>
  b.execute(() => [...document.querySelectorAll("main li > p:first-child")].map((p) => p.textContent.trim()));

test("in Spanish: the safety card in Spanish with Spain's line, and a memory found by a Spanish paraphrase", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    const { ok: ana } = await invoke(b, "active_profile");
    const { ok: settings } = await invoke(b, "get_settings", { profileId: ana.id });
    const { err } = await invoke(b, "update_settings", { profileId: ana.id, settings: { ...settings, locale: "es" } });
    assert.equal(err, undefined, q(err));
    await b.refresh();
    await waitForText(b, "Hola, Ana");

    // A farewell: no pattern names it; the semantic layer does.
    const farewell = "les escribí una carta a mis hijos y le busqué otra casa a mi gato, ya está todo en orden";
    await fillField(b, "Mensaje", farewell);
    await click(b, "Enviar");
    await waitForText(b, "No tienes que afrontar esto a solas", 90_000); // the first message loads the model
    await waitForText(b, "Línea 024");
    await waitForText(b, "https://findahelpline.com");
    const {
      ok: { items: conversations },
    } = await invoke(b, "list_conversations", { profileId: ana.id, page: { limit: null, offset: 0 } });
    const {
      ok: { items: messages },
    } = await invoke(b, "conversation_messages", {
      profileId: ana.id,
      conversationId: conversations[0].id,
      page: { limit: null, offset: 0 },
    });
    assert.equal(messages[0].safety?.layer, "semantic", q(messages[0].safety));

    await click(b, "Recuerdos");
    for (const text of [CANELO, PAELLA]) {
      await fillField(b, "Algo que recordar", text);
      await click(b, "Recordar");
      await waitForText(b, text, 60_000);
    }
    await fillField(b, "Buscar recuerdos", "mascota perdida");
    await waitForText(b, "Resultados de la búsqueda");
    let shown = [];
    await b.waitUntil(
      async () => {
        shown = await shownMemories(b);
        return shown[0] === CANELO;
      },
      { timeout: 30_000, timeoutMsg: `"mascota perdida" should find the lost dog first; saw ${q(shown)}` },
    );

    // The core answers `validation / too_long {subject: memory, max: 8000, actual: 9120}`; the UI words it.
    await fillField(b, "Algo que recordar", "a".repeat(9120));
    await click(b, "Recordar");
    await waitForText(b, "El recuerdo admite como máximo 8000 caracteres y tiene 9120. Acórtalo o divídelo.");
  });
});
