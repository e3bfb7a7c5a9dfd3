import { cap, type ErrorMessages } from "./errors";

const status = (s: string) => (s === "" ? "" : ` (${s})`);

/** The days of a reminder: "cannot be empty" reads better as a choice to make. */
const REMINDER_DAYS = "the reminder's days";
/** An archive to import: its errors read as what is wrong with the file the person chose. */
const ARCHIVE = "the archive";
const ARCHIVE_VERSION = "the archive's version";
/** A profile's PIN: a wrong one reads as what to do next. */
const PIN = "the PIN";
/** A guided track's audio file: its errors read as what is wrong with the file the person chose. */
const TRACK_FILE = "the audio file";

/** How long a PIN try has to wait: seconds, or minutes (rounded up) from two minutes on. */
function wait(seconds: number | null): string {
  if (seconds === null) return "a moment";
  if (seconds >= 120) return `${Math.ceil(seconds / 60)} minutes`;
  const s = Math.max(1, Math.ceil(seconds));
  return s === 1 ? "1 second" : `${s} seconds`;
}

export const errorsEn: ErrorMessages = {
  item: (n, text) => `Item ${n}: ${text}`,
  said: (text) => `It said: “${text}”`,
  provider: {
    rate_limited: (s) =>
      `The chat model is limiting requests right now${status(s)}; please try again in a moment.`,
    server: (s) => `The chat model had a problem answering${status(s)}; please try again.`,
    connect: () =>
      "The chat model could not be reached. Is the server running and the address right?",
    timeout: () =>
      "The chat model did not answer in time. It may still be loading; try again or raise the timeout.",
    interrupted: () => "The reply stopped before it was finished.",
    too_long: () => "The reply was stopped here because it grew far longer than a reply should be.",
    deadline: () => "The reply was stopped here because it was taking too long to finish.",
    auth: (s) =>
      `The chat model did not accept the API key${status(s)}. Check the key in the provider settings.`,
    rejected: (s) =>
      `The chat model refused the request${status(s)}. Check the model name and the address.`,
    invalid_response: () =>
      "The chat model answered with something that is not a chat reply. Are the address and the kind of server right?",
    missing_key: () =>
      "The chat model needs an API key and none is saved. Add it in the provider settings.",
    not_configured: () =>
      "No chat model is set up. Connect a local server (Ollama, llama.cpp, LM Studio) or add an API key in the provider settings.",
    not_allowed: () =>
      "This chat model is an online service you have not allowed yet. Open Settings › Chat model to see what it would receive and allow it.",
  },
  reasons: {
    empty: (w) =>
      w.subject === REMINDER_DAYS
        ? `${cap(w.subject)} cannot be empty; choose at least one day.`
        : `${cap(w.subject)} cannot be empty; please write something first.`,
    too_long: (w) =>
      w.subject === ARCHIVE
        ? "This archive is too large to import."
        : `${cap(w.subject)} can be at most ${w.max} characters; this one has ${w.actual}. Please shorten or split it.`,
    out_of_range: (w) =>
      w.subject === ARCHIVE_VERSION
        ? "This archive was made by a newer version of Wbot. Update Wbot to import it."
        : w.subject === TRACK_FILE
          ? "This audio file is too large to import; a track can be at most 500 MB."
          : w.actual === ""
            ? `${cap(w.subject)} must be between ${w.min} and ${w.max}.`
            : `${cap(w.subject)} must be between ${w.min} and ${w.max}; it was ${w.actual}.`,
    invalid_characters: (w) =>
      `${cap(w.subject)} contains characters that cannot be stored (line breaks or control characters).`,
    invalid_format: (w) =>
      w.subject === ARCHIVE
        ? "This file is not a Wbot archive, or it is damaged."
        : w.subject === PIN
          ? `A PIN is ${w.min || "4"} to ${w.max || "8"} digits.`
          : w.value === ""
            ? `${cap(w.subject)} is not in the expected form.`
            : `“${w.value}” is not valid as ${w.subject}.`,
    invalid_value: (w) =>
      w.subject === ARCHIVE
        ? "This archive holds data this version of Wbot does not know."
        : `“${w.value}” is not one of: ${w.expected}.`,
    invalid_time: (w) => `“${w.value}” is not a valid date and time for ${w.subject}.`,
    invalid_input: () => "Wbot could not understand this request. Please try again.",
    end_before_start: (w) =>
      w.subject === ""
        ? "A session cannot end before it started."
        : `${cap(w.subject)} ends before it starts.`,
    category_and_prompt: () =>
      "An entry written to a prompt needs both the prompt and its category; free writing has neither.",
    completed_and_stopped: () => "A session is either completed or stopped early, not both.",
    completed_too_early: () =>
      "A session marked completed must have run for the time planned; mark it as ended early instead.",
    ran_whole_time: () =>
      "A session that ran for the whole time planned is completed, not ended early.",
    longer_than_planned: () => "A session cannot last longer than planned.",
    longer_than_span: () =>
      "The time meditated is longer than the time between the start and the end.",
    too_many_rounds: (w) =>
      `This session has ${w.actual} rounds of data but its settings allow at most ${w.max}.`,
    no_breathing_phase: () => "At least one phase of a pattern must last longer than 0 seconds.",
    empty_reply: () => "A complete reply cannot be empty.",
    proposal_on_reply: () => "Only a message you wrote can carry an activity proposal.",
    nothing_to_reply_to: () => "There is no message of yours to reply to.",
    nothing_to_retry: () => "There is no reply to retry in this conversation.",
    no_proposal: () => "That message has no activity proposal to answer.",
    proposal_elsewhere: () =>
      "This card offers a different activity; start that one from its own page instead.",
    key_and_removal: () => "Either give a new API key or remove the saved one, not both.",
    provider_order: () => "The new order must list each of this profile's providers exactly once.",
    too_many_providers: (w) => `A profile can chain at most ${w.max} providers; remove one first.`,
    too_many_reminders: (w) => `A profile can have at most ${w.max} reminders; delete one first.`,
    insecure_address: (w) =>
      `“${w.value}” would send your messages and key unencrypted. Use https://, or http:// only for a server on this device or your local network.`,
    address_with_credentials: () =>
      "Leave the user name and password out of the address; put an API key in its own field instead.",
    no_chat_model: () =>
      "No chat model is set up yet; add one in Settings → Chat model, then try again.",
    wrong_pin: (w) =>
      w.count === 0
        ? "That is not the PIN. Each further try now has to wait."
        : w.count === null
          ? "That is not the PIN."
          : `That is not the PIN. ${w.count === 1 ? "1 try" : `${w.actual} tries`} left before each try has to wait.`,
    not_found: (w) => `${cap(w.subject)} could not be found; it may have been deleted.`,
    session_paused: () => "The session is paused; resume it first.",
    session_ended: () => "This session has already ended.",
    wrong_phase: () => "That is not possible in this part of the session.",
    reply_in_progress: () =>
      "A reply is still coming in this conversation; wait for it or stop it first.",
    reply_not_streaming: () => "That reply is not streaming any more.",
    profile_locked: () => "This profile is locked. Unlock it with its PIN.",
    too_many_attempts: (w) => `Too many wrong PINs. Try again in ${wait(w.count)}.`,
    database_busy: () => "The database is busy; please try again.",
    keychain_unavailable: () =>
      "This device has no keychain Wbot can use, so API keys cannot be saved. On Linux, start a Secret Service (GNOME Keyring or KWallet) and try again; a local server such as Ollama needs no key.",
    runtime_missing: () =>
      "The ONNX Runtime library was not found, so memories cannot be searched. Reinstall Wbot, or in a development checkout run scripts/fetch-assets.",
    runtime_unusable: () =>
      "The ONNX Runtime library could not be used; Wbot needs ONNX Runtime 1.24 or newer.",
    model_missing: () =>
      "The memory model could not be read. Reinstall Wbot, or in a development checkout run scripts/fetch-assets.",
    model_unusable: () =>
      "The memory model could not be loaded. Reinstall Wbot, or in a development checkout run scripts/fetch-assets.",
    data_folder: () =>
      "Wbot's data folder could not be created; check the disk's free space and permissions.",
    notifications_unavailable: () =>
      "The system would not show a notification. Check that notifications are allowed for Wbot.",
    data_in_use: (w) =>
      `Wbot's data is open in another program${w.value === "" ? "" : ` (process ${w.value})`}; close it and try again.`,
    file_access: (w) =>
      w.subject !== TRACK_FILE
        ? "The file could not be read or written."
        : w.value === "NotFound"
          ? "The audio file could not be found; it may have been moved or deleted."
          : "The audio file could not be read. Check that it is still there and that Wbot may open it.",
    unsupported_audio: (w) =>
      w.value === ""
        ? `Wbot plays only these audio formats: ${w.expected}.`
        : `Wbot can't play “.${w.value}” files; choose an audio file in one of these formats: ${w.expected}.`,
    not_audio: () =>
      "This file could not be read as audio; it may be damaged, or not an audio file at all.",
    audio_incomplete: () =>
      "This audio file ends before the length it announces; it may be an unfinished download or a damaged copy.",
    nothing_playing: () => "No track is playing right now.",
    series_day_locked: (w) =>
      w.actual === "" || w.max === ""
        ? "This day isn't open yet; do the days before it first."
        : `Day ${w.actual} isn't open yet; do day ${w.max} first.`,
    no_update_pending: () => "There is no update to install yet; check for updates first.",
    updates_unsupported: () =>
      "This copy of Wbot can't update itself; the store or package manager it came from keeps it up to date.",
    update_unreachable: (w) =>
      w.value === "timed_out"
        ? "The update server took too long to answer. Nothing was changed; Wbot will try again later."
        : w.value === "incomplete"
          ? "The download stopped before it finished. Nothing was changed."
          : w.value === "server"
            ? `The update server couldn't answer right now${status(w.actual)}. Wbot will try again later.`
            : "Couldn't reach the update server. Wbot will try again later.",
    update_rejected: (w) =>
      w.value === "format"
        ? "The update was refused because it isn't a package for this installation. Nothing was changed."
        : "The update was refused because its signature didn't match. Nothing was changed.",
    update_install_failed: (w) =>
      w.value === "cancelled"
        ? "The update wasn't installed because the system's permission request was declined. Nothing was changed."
        : "The update couldn't be installed. Nothing was changed; please try again later.",
    voice_unavailable: (w) =>
      w.value === "cancelled"
        ? "The meditation stopped being spoken."
        : w.value === "phonemizer_missing" || w.value === "phonemizer_failed"
          ? "The voice can't speak on this device: its pronunciation helper (espeak-ng) is missing or failed."
          : "The voice can't speak on this device: its files are missing or damaged.",
    internal: () => "Something went wrong on this device. Please try again.",
  },
  subjects: {
    profile: "the profile",
    display_name: "the name",
    pin: PIN,
    onboarding: "the onboarding answers",
    cue_volume: "the cue volume",
    ambient_volume: "the ambient volume",
    voice_cue_volume: "the spoken cue volume",
    breath_volume: "the breath sound volume",
    weekly_goal: "the weekly goal",
    reminder: "the reminder",
    reminder_time: "the reminder time (HH:MM, 24-hour)",
    reminder_days: REMINDER_DAYS,
    notification_text: "the notification text",
    wellness_item: "the wellness item",
    wellness_note: "the note",
    volume: "the volume",
    mood_before: "the mood before",
    mood_after: "the mood after",
    conversation: "the conversation",
    message: "the message",
    reply: "the reply",
    title: "the title",
    search_text: "the search",
    result_count: "the number of results",
    page_size: "the page size",
    provider: "the chat provider",
    provider_id: "the provider id",
    provider_name: "the provider's name",
    provider_address: "the provider's address (e.g. http://127.0.0.1:11434/v1)",
    model_name: "the model name",
    provider_timeout: "the timeout (seconds)",
    api_key: "the API key",
    helpline_region: "the region (a two-letter country code such as US or GB)",
    memory: "the memory",
    memory_batch: "the number of memories added at once",
    min_similarity: "the minimum similarity",
    journal_entry: "the journal entry",
    journal_prompt: "the journaling prompt (characters)",
    writing_time: "the writing time (ms)",
    breathing_session: "the breathing session",
    breathing_phase: "a breathing phase (seconds)",
    cycles: "the number of cycles",
    rounds: "the number of rounds",
    breaths: "the breaths per round",
    breath_tempo: "the breath tempo (seconds)",
    retention_hold: "the retention target (seconds)",
    recovery_hold: "the recovery hold (seconds)",
    recovery_pause: "the recovery pause (seconds)",
    meditation_session: "the meditation session",
    meditation_length: "the meditation length (minutes)",
    bell_interval: "the bell interval (minutes)",
    start_time: "the start time",
    end_time: "the end time",
    mood_checkin: "the check-in",
    mood: "the mood (1–5)",
    emotion: "the emotion",
    checkin_note: "the note (characters)",
    checkin_time: "the check-in time",
    date: "the date (YYYY-MM-DD)",
    utc_offset: "the time zone offset (minutes)",
    date_range: "the date range (days)",
    journal_draft: "the draft (characters)",
    archive: ARCHIVE,
    archive_version: ARCHIVE_VERSION,
    update_channel: "the update channel",
    guided_track: "the guided track",
    track_file: TRACK_FILE,
    track_language: "the track's language (a two-letter code such as en)",
    track_position: "the position in the track (ms)",
    script: "the meditation script",
    script_pause: "the pause marker (like [PAUSE 5s])",
    voice: "the voice",
    meditation_series: "the meditation series",
    series_day: "the day of the series",
  },
};
