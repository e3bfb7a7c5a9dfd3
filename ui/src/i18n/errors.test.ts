import { describe, expect, it } from "vitest";
import type { ErrorParams, Locale, ProviderErrorKind, Reason, Subject } from "../lib/backend";
import { en } from "./en";
import { describeError, describeProviderError } from "./errors";
import { es } from "./es";

const dictionaries = { en, es } as const;
const locales: Locale[] = ["en", "es"];

// Every reason the core sends: the dictionaries' keys (the type makes each language word each reason the
// generated bindings list) and the two chat-model reasons, worded by the provider error kind.
const reasons = [
  ...(Object.keys(en.errors.reasons) as Reason[]),
  "provider_refused",
  "provider_unavailable",
] as const satisfies readonly Reason[];
const subjects = Object.keys(en.errors.subjects) as Subject[];
const kinds = Object.keys(en.errors.provider) as ProviderErrorKind[];

/** Every parameter set, so a sentence that reads one the reason does not bring still shows words. */
const full: Partial<ErrorParams> = {
  subject: "message",
  min: 1,
  max: 8000,
  actual: 9120,
  value: "lotus",
  expected: ["box", "coherent"],
};

describe.each(locales)("error sentences in %s", (locale) => {
  const messages = dictionaries[locale].errors;

  it.each(reasons)("words %s", (reason) => {
    // The chat model's reasons carry the provider error kind as their value.
    const params = reason.startsWith("provider_") ? { ...full, value: "rate_limited" } : full;
    const text = describeError(messages, locale, reason, params);
    expect(text.trim().length).toBeGreaterThan(10);
    expect(text).not.toMatch(/undefined|NaN|null|\{|\}/);
    // Not the other language's sentence copied over.
    const other = dictionaries[locale === "en" ? "es" : "en"].errors;
    expect(text).not.toBe(describeError(other, locale === "en" ? "es" : "en", reason, params));
  });

  it.each(subjects)("names the subject %s", (subject) => {
    const text = describeError(messages, locale, "empty", { subject });
    expect(text).toContain(messages.subjects[subject].slice(1));
  });

  it.each(kinds)("words the chat model failure %s", (kind) => {
    const text = describeProviderError(messages, { kind, status: 503, detail: null });
    expect(text.trim().length).toBeGreaterThan(10);
    expect(text).not.toMatch(/undefined|NaN|null/);
  });
});

describe("error parameters", () => {
  it("formats numbers for the language", () => {
    const tooLong = { subject: "message", max: 8000, actual: 12120 } as const;
    expect(describeError(en.errors, "en", "too_long", tooLong)).toBe(
      "The message can be at most 8,000 characters; this one has 12,120. Please shorten or split it.",
    );
    expect(describeError(es.errors, "es", "too_long", tooLong)).toBe(
      "El mensaje admite como máximo 8000 caracteres y tiene 12.120. Acórtalo o divídelo.",
    );
    expect(
      describeError(es.errors, "es", "out_of_range", {
        subject: "breath_tempo",
        min: 1,
        max: 3,
        actual: 3.5,
      }),
    ).toBe(
      "Valor fuera de rango para el ritmo de respiración (segundos): debe estar entre 1 y 3; se recibió 3,5.",
    );
  });

  it("names each session volume that is out of range", () => {
    const cases: [Subject, string, string][] = [
      [
        "cue_volume",
        "The cue volume must be between 0 and 100; it was 101.",
        "Valor fuera de rango para el volumen de las señales: debe estar entre 0 y 100; se recibió 101.",
      ],
      [
        "voice_cue_volume",
        "The spoken cue volume must be between 0 and 100; it was 101.",
        "Valor fuera de rango para el volumen de las indicaciones habladas: debe estar entre 0 y 100; se recibió 101.",
      ],
      [
        "breath_volume",
        "The breath sound volume must be between 0 and 100; it was 101.",
        "Valor fuera de rango para el volumen de los sonidos de respiración: debe estar entre 0 y 100; se recibió 101.",
      ],
    ];
    for (const [subject, english, spanish] of cases) {
      const params = { subject, min: 0, max: 100, actual: 101 };
      expect(describeError(en.errors, "en", "out_of_range", params)).toBe(english);
      expect(describeError(es.errors, "es", "out_of_range", params)).toBe(spanish);
    }
  });

  it("leaves out the value when it was not a number", () => {
    expect(
      describeError(en.errors, "en", "out_of_range", {
        subject: "min_similarity",
        min: -1,
        max: 1,
      }),
    ).toBe("The minimum similarity must be between -1 and 1.");
  });

  it("lists the accepted values in the language", () => {
    const params = { value: "lotus", expected: ["box", "coherent", "deep_calm"] };
    expect(describeError(en.errors, "en", "invalid_value", params)).toBe(
      "“lotus” is not one of: box, coherent, or deep_calm.",
    );
    expect(describeError(es.errors, "es", "invalid_value", params)).toBe(
      "«lotus» no es ninguno de estos valores: box, coherent o deep_calm.",
    );
  });

  it("words an archive's errors as what is wrong with the chosen file", () => {
    const cases: [Reason, Partial<ErrorParams>, string, string][] = [
      [
        "invalid_format",
        { subject: "archive" },
        "This file is not a Wbot archive, or it is damaged.",
        "Este archivo no es una exportación de Wbot o está dañado.",
      ],
      [
        "invalid_value",
        { subject: "archive", value: "mystery_table" },
        "This archive holds data this version of Wbot does not know.",
        "Este archivo contiene datos que esta versión de Wbot no conoce.",
      ],
      [
        "too_long",
        { subject: "archive", max: 1000, actual: 2000 },
        "This archive is too large to import.",
        "Este archivo es demasiado grande para importarlo.",
      ],
      [
        "out_of_range",
        { subject: "archive_version", min: 1, max: 1, actual: 2 },
        "This archive was made by a newer version of Wbot. Update Wbot to import it.",
        "Este archivo se creó con una versión más nueva de Wbot. Actualiza Wbot para importarlo.",
      ],
      [
        "file_access",
        { value: "PermissionDenied" },
        "The file could not be read or written.",
        "No se pudo leer o escribir el archivo.",
      ],
    ];
    for (const [reason, params, english, spanish] of cases) {
      expect(describeError(en.errors, "en", reason, params)).toBe(english);
      expect(describeError(es.errors, "es", reason, params)).toBe(spanish);
    }
  });

  it("words a PIN's errors with the tries left and the wait", () => {
    const cases: [Reason, Partial<ErrorParams>, string, string][] = [
      [
        "invalid_format",
        { subject: "pin", min: 4, max: 8 },
        "A PIN is 4 to 8 digits.",
        "Un PIN tiene de 4 a 8 dígitos.",
      ],
      [
        "wrong_pin",
        { subject: "pin", actual: 3 },
        "That is not the PIN. 3 tries left before each try has to wait.",
        "Ese no es el PIN. Te quedan 3 intentos antes de que cada intento tenga que esperar.",
      ],
      [
        "wrong_pin",
        { subject: "pin", actual: 1 },
        "That is not the PIN. 1 try left before each try has to wait.",
        "Ese no es el PIN. Te queda 1 intento antes de que cada intento tenga que esperar.",
      ],
      [
        "wrong_pin",
        { subject: "pin", actual: 0 },
        "That is not the PIN. Each further try now has to wait.",
        "Ese no es el PIN. Ahora cada nuevo intento tiene que esperar.",
      ],
      [
        "too_many_attempts",
        { subject: "pin", actual: 30 },
        "Too many wrong PINs. Try again in 30 seconds.",
        "Demasiados PIN incorrectos. Vuelve a intentarlo dentro de 30 segundos.",
      ],
      [
        "too_many_attempts",
        { subject: "pin", actual: 1 },
        "Too many wrong PINs. Try again in 1 second.",
        "Demasiados PIN incorrectos. Vuelve a intentarlo dentro de 1 segundo.",
      ],
      [
        "too_many_attempts",
        { subject: "pin", actual: 3541 },
        "Too many wrong PINs. Try again in 60 minutes.",
        "Demasiados PIN incorrectos. Vuelve a intentarlo dentro de 60 minutos.",
      ],
      [
        "profile_locked",
        { subject: "profile" },
        "This profile is locked. Unlock it with its PIN.",
        "Este perfil está bloqueado. Desbloquéalo con su PIN.",
      ],
    ];
    for (const [reason, params, english, spanish] of cases) {
      expect(describeError(en.errors, "en", reason, params)).toBe(english);
      expect(describeError(es.errors, "es", reason, params)).toBe(spanish);
    }
  });

  it("words an update's errors calmly, saying nothing was changed", () => {
    const cases: [Reason, Partial<ErrorParams>, string, string][] = [
      [
        "update_unreachable",
        { value: "offline" },
        "Couldn't reach the update server. Wbot will try again later.",
        "No se pudo contactar con el servidor de actualizaciones. Wbot lo volverá a intentar más tarde.",
      ],
      [
        "update_unreachable",
        { value: "server", actual: 503 },
        "The update server couldn't answer right now (503). Wbot will try again later.",
        "El servidor de actualizaciones no ha podido responder ahora (503). Wbot lo volverá a intentar más tarde.",
      ],
      [
        "update_unreachable",
        { value: "incomplete" },
        "The download stopped before it finished. Nothing was changed.",
        "La descarga se detuvo antes de terminar. No se ha cambiado nada.",
      ],
      [
        "update_rejected",
        { value: "signature" },
        "The update was refused because its signature didn't match. Nothing was changed.",
        "Se rechazó la actualización porque su firma no coincide. No se ha cambiado nada.",
      ],
      [
        "update_rejected",
        { value: "format" },
        "The update was refused because it isn't a package for this installation. Nothing was changed.",
        "Se rechazó la actualización porque no es un paquete para esta instalación. No se ha cambiado nada.",
      ],
      [
        "update_install_failed",
        { value: "cancelled" },
        "The update wasn't installed because the system's permission request was declined. Nothing was changed.",
        "La actualización no se instaló porque se rechazó la petición de permiso del sistema. No se ha cambiado nada.",
      ],
      [
        "invalid_value",
        { subject: "update_channel", value: "nightly", expected: ["stable", "beta"] },
        "“nightly” is not one of: stable or beta.",
        "«nightly» no es ninguno de estos valores: stable o beta.",
      ],
    ];
    for (const [reason, params, english, spanish] of cases) {
      expect(describeError(en.errors, "en", reason, params)).toBe(english);
      expect(describeError(es.errors, "es", reason, params)).toBe(spanish);
    }
  });

  it("names the item of a batch", () => {
    expect(describeError(es.errors, "es", "empty", { subject: "memory", item: 2 })).toBe(
      "Elemento 2: El recuerdo no puede quedar en blanco; escribe algo primero.",
    );
  });

  it("says an online chat model is not allowed yet, and where to allow it", () => {
    const params = { value: "not_allowed" };
    expect(describeError(en.errors, "en", "provider_refused", params)).toBe(
      "This chat model is an online service you have not allowed yet. Open Settings › Chat model to see what it would receive and allow it.",
    );
    expect(describeError(es.errors, "es", "provider_refused", params)).toBe(
      "Este modelo de chat es un servicio en línea que aún no has permitido. Abre Ajustes › Modelo de chat para ver qué recibiría y permitirlo.",
    );
  });

  it("words a chat model's refusal by its kind and status, with its own words", () => {
    expect(
      describeError(en.errors, "en", "provider_refused", {
        value: "auth",
        actual: 401,
        said: "invalid x-api-key",
      }),
    ).toBe(
      "The chat model did not accept the API key (401). Check the key in the provider settings. It said: “invalid x-api-key”",
    );
    expect(
      describeProviderError(es.errors, {
        kind: "invalid_response",
        status: null,
        detail: "not a chat stream: html",
      }),
    ).toBe(
      "El modelo de chat respondió con algo que no es una respuesta de chat. ¿Son correctos la dirección y el tipo de servidor?",
    );
  });

  it("words a guided track's file errors as what is wrong with the chosen file", () => {
    const cases: [Reason, Partial<ErrorParams>, string, string][] = [
      [
        "unsupported_audio",
        { subject: "track_file", value: "m4a", expected: ["mp3", "ogg", "wav", "flac"] },
        "Wbot can't play “.m4a” files; choose an audio file in one of these formats: mp3, ogg, wav, or flac.",
        "Wbot no puede reproducir archivos «.m4a»; elige un archivo de audio en uno de estos formatos: mp3, ogg, wav o flac.",
      ],
      [
        "out_of_range",
        { subject: "track_file", min: 1, max: 524_288_000, actual: 600_000_000 },
        "This audio file is too large to import; a track can be at most 500 MB.",
        "Este archivo de audio es demasiado grande para importarlo; una pista puede ocupar como máximo 500 MB.",
      ],
      [
        "file_access",
        { subject: "track_file", value: "NotFound" },
        "The audio file could not be found; it may have been moved or deleted.",
        "No se encontró el archivo de audio; puede que se haya movido o eliminado.",
      ],
      [
        "file_access",
        { subject: "archive", value: "NotFound" },
        "The file could not be read or written.",
        "No se pudo leer o escribir el archivo.",
      ],
      [
        "nothing_playing",
        { subject: "guided_track" },
        "No track is playing right now.",
        "No se está reproduciendo ninguna pista ahora.",
      ],
    ];
    for (const [reason, params, english, spanish] of cases) {
      expect(describeError(en.errors, "en", reason, params)).toBe(english);
      expect(describeError(es.errors, "es", reason, params)).toBe(spanish);
    }
  });

  it("words why the voice cannot speak, and a script that does not exist", () => {
    const cases: [Reason, Partial<ErrorParams>, string, string][] = [
      [
        "voice_unavailable",
        { subject: "voice", value: "model_missing" },
        "The voice can't speak on this device: its files are missing or damaged.",
        "La voz no puede hablar en este dispositivo: sus archivos faltan o están dañados.",
      ],
      [
        "voice_unavailable",
        { subject: "voice", value: "model_unusable" },
        "The voice can't speak on this device: its files are missing or damaged.",
        "La voz no puede hablar en este dispositivo: sus archivos faltan o están dañados.",
      ],
      [
        "voice_unavailable",
        { subject: "voice", value: "phonemizer_missing" },
        "The voice can't speak on this device: its pronunciation helper (espeak-ng) is missing or failed.",
        "La voz no puede hablar en este dispositivo: falta o ha fallado su ayudante de pronunciación (espeak-ng).",
      ],
      [
        "voice_unavailable",
        { subject: "voice", value: "phonemizer_failed" },
        "The voice can't speak on this device: its pronunciation helper (espeak-ng) is missing or failed.",
        "La voz no puede hablar en este dispositivo: falta o ha fallado su ayudante de pronunciación (espeak-ng).",
      ],
      [
        "voice_unavailable",
        { subject: "voice", value: "cancelled" },
        "The meditation stopped being spoken.",
        "La meditación dejó de narrarse.",
      ],
      [
        "not_found",
        { subject: "script", value: "no-such-script" },
        "The meditation script could not be found; it may have been deleted.",
        "No se ha encontrado el guion de la meditación; puede que se haya borrado.",
      ],
    ];
    for (const [reason, params, english, spanish] of cases) {
      expect(describeError(en.errors, "en", reason, params)).toBe(english);
      expect(describeError(es.errors, "es", reason, params)).toBe(spanish);
    }
  });
  it("words a series' day that is not open yet or not in the series, and a series that does not exist", () => {
    const cases: [Reason, Partial<ErrorParams>, string, string][] = [
      [
        "series_day_locked",
        { subject: "series_day", actual: 3, max: 2 },
        "Day 3 isn't open yet; do day 2 first.",
        "El día 3 aún no está disponible; haz primero el día 2.",
      ],
      [
        "series_day_locked",
        { subject: "series_day" },
        "This day isn't open yet; do the days before it first.",
        "Este día aún no está disponible; haz primero los días anteriores.",
      ],
      [
        "out_of_range",
        { subject: "series_day", min: 1, max: 5, actual: 6 },
        "The day of the series must be between 1 and 5; it was 6.",
        "Valor fuera de rango para el día de la serie: debe estar entre 1 y 5; se recibió 6.",
      ],
      [
        "invalid_value",
        {
          subject: "meditation_series",
          value: "nope",
          expected: ["seven_day_calm", "sleep_better"],
        },
        "“nope” is not one of: seven_day_calm or sleep_better.",
        "«nope» no es ninguno de estos valores: seven_day_calm o sleep_better.",
      ],
    ];
    for (const [reason, params, english, spanish] of cases) {
      expect(describeError(en.errors, "en", reason, params)).toBe(english);
      expect(describeError(es.errors, "es", reason, params)).toBe(spanish);
    }
  });
});
