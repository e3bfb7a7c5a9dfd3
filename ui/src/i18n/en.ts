import type {
  Challenge,
  CommunicationStyle,
  Contraindication,
  CurrentFeeling,
  ExperienceLevel,
  PreferredActivity,
  PrimaryGoal,
  SessionLength,
  SupportType,
} from "../lib/backend";
import type { GateReason, Phase, ProposalReason, Technique } from "../lib/backend";
import type { AmbientKind, BellKind, BinauralBand, GuidedKind, SeriesId } from "../lib/backend";
import type { IndexHealth } from "../lib/backend";
import type { JournalCategory, ProviderKind } from "../lib/backend";
import type { Emotion, Moment, MoodActivity } from "../lib/backend";
import type { BadgeCode, ReminderKind } from "../lib/backend";
import type { UpdateChannel, WellnessKind } from "../lib/backend";
import type { PromptId, PromptWords } from "../features/journaling/prompts";
import type { Mood } from "../features/mood/emotions";
import type { TrendPeriod } from "../lib/days";
import type { HelplineRegion } from "../features/chat/format";
import type { Section } from "../features/shell/sections";
import type { Preference, Topic } from "../features/wellness/codes";
import type { ErrorMessages } from "./errors";
import type { LengthFilter, TrackLanguage, WrittenId } from "../features/meditation/tracks";
import { errorsEn } from "./errors.en";

type Question<T extends string> = { title: string; hint: string; options: Record<T, string> };

export interface Messages {
  errors: ErrorMessages;
  common: {
    loading: string;
    retry: string;
    cancel: string;
    somethingWentWrong: string;
  };
  onboarding: {
    welcomeTitle: string;
    welcomeText: string;
    addProfileTitle: string;
    nameLabel: string;
    nameHint: string;
    back: string;
    next: string;
    finish: string;
    progress: (step: number, total: number) => string;
    lastStep: string;
    currentFeeling: Question<CurrentFeeling>;
    primaryGoal: Question<PrimaryGoal>;
    challenges: Question<Challenge>;
    communicationStyle: Question<CommunicationStyle>;
    supportType: Question<SupportType>;
    preferredActivities: Question<PreferredActivity>;
    experienceLevel: Question<ExperienceLevel>;
    sessionLength: Question<SessionLength>;
    contraindications: Question<Contraindication> & { none: string };
    creating: string;
  };
  nav: {
    label: string;
    discover: string;
    sections: Record<Section, string>;
    newConversation: string;
    history: string;
    noConversations: string;
    /** Under the conversation list: loads its next page. */
    showMore: string;
    settings: string;
    openMenu: string;
    closeMenu: string;
    memories: string;
  };
  chat: {
    title: string;
    greeting: (name: string) => string;
    intro: string;
    quickActions: string;
    breathe: string;
    meditate: string;
    journal: string;
    checkIn: string;
    starters: string;
    starterAnxious: string;
    starterUnwind: string;
    starterReflect: string;
    inputLabel: string;
    inputHint: string;
    send: string;
    stop: string;
    charCount: (count: string, max: string) => string;
    tooLong: (count: string, max: string) => string;
    you: string;
    wbot: string;
    replying: string;
    statusNotes: Record<"partial" | "failed" | "cancelled", string>;
    retry: string;
    /** The button at the top of a conversation that loads the messages before those shown. */
    showEarlier: string;
    untitled: string;
    remember: string;
    rememberOn: string;
    rememberOff: string;
    searchLabel: string;
    searchMode: string;
    keyword: string;
    meaning: string;
    searching: string;
    hits: (count: number) => string;
    noHits: (query: string) => string;
    match: (percent: number) => string;
    rename: string;
    renameLabel: (title: string) => string;
    /** A conversation's last message in the list, when the person wrote it. */
    yourPreview: (text: string) => string;
    titleField: string;
    save: string;
    delete: string;
    deleteLabel: (title: string) => string;
    deleteTitle: (title: string) => string;
    deleteText: string;
    forgetMemories: string;
    safetyTitle: string;
    safetyText: string;
    safetyContinue: string;
    call: (number: string) => string;
    text: (number: string) => string;
    website: string;
    loadingHelplines: string;
    activityTitles: Record<"breathing" | "meditation" | "journaling", string>;
    /** Why a card is offered, by the core's `ProposalReason`. */
    reasons: Record<ProposalReason, string>;
    /** The `helped` reason with its evidence: the technique's (or category's) name and the counts. */
    helpedBy: (name: string, improved: number, rated: number) => string;
    start: string;
    change: string;
    notNow: string;
    declined: string;
    choseBreathing: (technique: string) => string;
    choseMeditation: (minutes: number) => string;
    choseJournaling: (category: string, prompt: string) => string;
    /** Reopens the writing screen of a started journaling card. */
    write: string;
    minutes: string;
    meditationLength: (minutes: number) => string;
    category: string;
    categories: Record<JournalCategory, string>;
    prompt: string;
    summary: (activity: string, duration: string, completed: boolean) => string;
    moodChange: (before: string, after: string) => string;
    summaryFailed: string;
    setupTitle: string;
    setupText: string;
    setupLocal: string;
    setupKey: string;
    setupButton: string;
  };
  chatSettings: {
    title: string;
    intro: string;
    empty: string;
    position: (n: number) => string;
    moveUp: (name: string) => string;
    moveDown: (name: string) => string;
    edit: string;
    editLabel: (name: string) => string;
    delete: string;
    deleteLabel: (name: string) => string;
    deleteTitle: (name: string) => string;
    deleteText: string;
    test: string;
    testLabel: (name: string) => string;
    testing: string;
    testOk: (ms: number, sample: string) => string;
    keySaved: string;
    noKey: string;
    addTitle: string;
    startFrom: string;
    custom: string;
    add: string;
    editTitle: (name: string) => string;
    name: string;
    kind: string;
    kinds: Record<ProviderKind, string>;
    baseUrl: string;
    baseUrlHint: string;
    model: string;
    timeout: string;
    timeoutInvalid: string;
    apiKey: string;
    apiKeyHint: string;
    apiKeyNew: string;
    removeKey: string;
    keyWillGo: string;
    keepKey: string;
    save: string;
    saving: string;
    local: string;
    needsKey: string;
    regionLabel: string;
    regionHint: string;
    regions: Record<HelplineRegion, string>;
    /** What an online chat model receives, and allowing one (ADR 0017). */
    remote: {
      notAllowed: string;
      allowed: string;
      review: string;
      reviewLabel: (name: string) => string;
      title: (name: string) => string;
      online: (name: string, host: string) => string;
      always: string;
      alwaysName: string;
      alwaysMood: string;
      alwaysConversation: string;
      choose: string;
      memories: string;
      memoriesHint: string;
      aboutYou: string;
      aboutYouHint: string;
      allow: (name: string) => string;
      notNow: string;
      sectionTitle: string;
      sectionIntro: string;
    };
  };
  meditation: {
    title: string;
    setupTitle: string;
    length: string;
    presetMinutes: (minutes: number) => string;
    custom: string;
    customMinutes: string;
    interval: string;
    intervalOff: string;
    intervalEvery: (minutes: number) => string;
    ambient: string;
    ambientNone: string;
    beds: Record<AmbientKind, string>;
    ambientVolume: string;
    binaural: string;
    binauralOff: string;
    bands: Record<BinauralBand, string>;
    headphones: string;
    moodBefore: string;
    begin: string;
    starting: string;
    saved: string;
    silentTimer: string;
    remaining: string;
    progress: string;
    progressText: (clock: string) => string;
    pause: string;
    resume: string;
    paused: string;
    endNow: string;
    bellRang: Record<BellKind, (clock: string) => string>;
    wellDone: string;
    endedEarly: string;
    meditated: (done: string, planned: string) => string;
    moodAfter: string;
    save: string;
    saving: string;
    historyTitle: string;
    historyEmpty: string;
    minutesOf: (done: string, planned: string) => string;
    completed: string;
    stopped: string;
    silence: string;
    bandShort: Record<BinauralBand, string>;
    bellEvery: (minutes: number) => string;
    noBells: string;
    moods: (before: string, after: string) => string;
    noMood: string;
    deleteSession: (when: string) => string;
    deleteTitle: string;
    deleteText: string;
    delete: string;
    showMore: string;
  };
  tracks: {
    title: string;
    importButton: string;
    picking: string;
    formTitle: (file: string) => string;
    titleLabel: string;
    kindLabel: string;
    languageLabel: string;
    import: string;
    importing: string;
    importProgress: string;
    progress: (done: number, total: number) => string;
    imported: (title: string) => string;
    kinds: Record<GuidedKind, string>;
    languages: Record<TrackLanguage, string>;
    filters: string;
    filterKind: string;
    allKinds: string;
    filterLength: string;
    lengths: Record<LengthFilter, string>;
    favouritesOnly: string;
    empty: string;
    noMatch: string;
    favourite: (title: string) => string;
    continueFrom: (clock: string) => string;
    play: string;
    playTrack: (title: string) => string;
    delete: string;
    deleteTrack: (title: string) => string;
    deleteTitle: string;
    deleteText: (title: string) => string;
    nowPlaying: string;
    pause: string;
    resume: string;
    stop: string;
    playAgain: string;
    paused: string;
    finished: string;
    position: string;
    time: (position: string, duration: string) => string;
    positionText: (position: string, duration: string) => string;
    volume: string;
    volumeValue: (percent: number) => string;
    ambient: string;
    /** Meditations the team wrote, spoken by the voice on the device into tracks. */
    spoken: {
      title: string;
      hint: string;
      /** Each written meditation's title, by its id (an unknown one is called by its type). */
      titles: Record<WrittenId, string>;
      minutes: (n: number) => string;
      prepare: string;
      prepareTrack: (title: string) => string;
      preparing: string;
      ready: (title: string) => string;
      empty: string;
    };
    /** A meditation the person's chat model writes for them, spoken by the voice on the device. */
    personal: {
      title: string;
      hint: string;
      /** The script is English whatever the UI's language (one voice for now). */
      english: string;
      minutes: (n: number) => string;
      write: string;
      writing: string;
      /** The new track's title. */
      trackTitle: string;
    };
    /** The meditation series the team wrote, a day at a time, spoken by the voice on the device. */
    series: {
      title: string;
      hint: string;
      names: Record<SeriesId, string>;
      descriptions: Record<SeriesId, string>;
      /** How far the person is: "3 of 7 days done". */
      daysDone: (done: number, total: number) => string;
      /** The series is done; `date` is already worded. */
      completedOn: (date: string) => string;
      day: (day: number) => string;
      /** A day done; `date` is already worded. */
      doneOn: (date: string) => string;
      play: string;
      playAgain: string;
      playDay: (day: number, series: string) => string;
      /** A day not open yet: it opens once the day before it is done. */
      opensAfter: (day: number) => string;
      preparing: (day: number) => string;
      /** The title of a day's track. */
      trackTitle: (series: string, day: number) => string;
    };
    /** The script a track written for the person was spoken from. */
    script: {
      read: string;
      readTrack: (title: string) => string;
      loading: string;
      none: string;
      /** A `[PAUSE Ns]` marker, as shown in the script. */
      pause: (seconds: string) => string;
    };
  };
  journaling: {
    title: string;
    entry: string;
    moodBefore: string;
    moodAfter: string;
    words: (n: number) => string;
    writingTime: (clock: string) => string;
    save: string;
    cancel: string;
    saved: string;
    intro: string;
    startTitle: string;
    categoriesLabel: string;
    freeWriting: string;
    freeWritingHint: string;
    promptsLabel: (category: string) => string;
    minutes: (n: number) => string;
    followUps: string;
    /** The prompt library's words, by prompt id (PROMPTS in features/journaling/prompts.ts). */
    prompts: Record<PromptId, PromptWords>;
    draftTitle: string;
    draftText: (date: string) => string;
    draftOfEntry: (date: string) => string;
    draftReplaced: string;
    continueDraft: string;
    discardDraft: string;
    draftSaving: string;
    draftSaved: string;
    draftFailed: string;
    writingTimeHint: string;
    editing: string;
    saveChanges: string;
    saving: string;
    close: string;
    changesSaved: string;
    entriesTitle: string;
    entriesLabel: string;
    searchLabel: string;
    searchHint: string;
    searchMode: string;
    byWords: string;
    byMeaning: string;
    category: string;
    allCategories: string;
    favouritesOnly: string;
    from: string;
    to: string;
    clearFilters: string;
    empty: string;
    noMatches: string;
    searching: string;
    results: (count: number) => string;
    loadMore: string;
    match: (percent: number) => string;
    openLabel: (snippet: string) => string;
    favourite: string;
    favouriteLabel: (snippet: string) => string;
    delete: string;
    deleteLabel: (snippet: string) => string;
    deleted: string;
    undo: string;
    deleteFailed: string;
    written: (date: string) => string;
    edited: (date: string) => string;
    back: string;
    edit: string;
    details: string;
    wordCount: string;
    writingTimeLabel: string;
    moodBeforeLabel: string;
    moodAfterLabel: string;
    noMood: string;
    /** "Talk about this": shares the open entry with the companion in a new conversation. */
    discuss: string;
    discussRemember: string;
    discussHint: string;
  };
  mood: {
    title: string;
    intro: string;
    optional: string;
    /** The 1–5 scale, each level with its words. */
    levels: Record<Mood, string>;
    checkinTitle: string;
    question: string;
    emotionsLegend: string;
    emotions: Record<Emotion, string>;
    noteLabel: string;
    noteCount: (count: string, max: string) => string;
    save: string;
    saving: string;
    saved: string;
    chooseMood: string;
    recentTitle: string;
    recentEmpty: string;
    loadMore: string;
    /** Each kind of activity, capitalised (chart legend, table). */
    activities: Record<MoodActivity, string>;
    standalone: string;
    /** Where a mood was given: before or after which kind of activity. */
    context: Record<MoodActivity, Record<Moment, string>>;
    deleteLabel: (when: string, context: string) => string;
    deleteTitle: string;
    deleteText: string;
    delete: string;
    trendsTitle: string;
    periodLabel: string;
    periods: Record<TrendPeriod, string>;
    chartTitle: (period: string) => string;
    average: string;
    range: string;
    trendEmpty: string;
    tableCaption: (period: string) => string;
    tableNote: string;
    showTable: string;
    hideTable: string;
    columns: Record<"date" | "average" | "lowest" | "highest" | "activities", string>;
    activityCount: (activity: string, count: number) => string;
    noValue: string;
    changesTitle: string;
    changesEmpty: string;
    /** How mood moved around one kind of activity; `average` is already signed ("+1.2"). */
    change: Record<
      MoodActivity,
      (improved: number, rated: number, same: number, declined: number, average: string) => string
    >;
  };
  theme: { group: string; light: string; system: string; dark: string };
  reminders: {
    title: string;
    intro: string;
    empty: string;
    add: string;
    kind: string;
    kinds: Record<ReminderKind, string>;
    time: string;
    days: string;
    /** Shown when the last chosen day would be turned off. */
    keepOneDay: string;
    save: string;
    saving: string;
    edit: string;
    delete: string;
    deleteTitle: string;
    deleteText: (summary: string) => string;
    /** A reminder on one line, e.g. "Mood check-in at 08:30 · Mon, Wed". */
    summary: (kind: string, time: string, days: string) => string;
    /** The days of a reminder that fires on all seven. */
    everyDay: string;
    /** The system notification of a due reminder. */
    notificationTitle: string;
    notificationBody: Record<ReminderKind, string>;
  };
  settings: {
    title: string;
    general: string;
    language: string;
    languageHint: string;
    sound: {
      title: string;
      intro: string;
      cueVolume: string;
      cueVolumeHint: string;
      ambientVolume: string;
      /** A volume as shown next to its slider and read by screen readers. */
      volumeValue: (percent: number) => string;
      muted: string;
      mutedHint: string;
      /** Breathing's phases also spoken by the voice on the device, and its preparation. */
      voiceCues: string;
      voiceCuesHint: string;
      voiceCueVolume: string;
      preparingVoiceCues: string;
      /** The preparation's progress as screen readers read it. */
      voiceCuesProgress: (done: number, total: number) => string;
      voiceCuesReady: string;
      /** Soft inhale and exhale sounds in paced breathing. */
      breathSounds: string;
      breathSoundsHint: string;
      breathVolume: string;
      ambientOn: string;
      ambientOnHint: string;
      ambientSound: string;
      ambientKinds: Record<AmbientKind, string>;
    };
    motivation: {
      title: string;
      intro: string;
      streaks: string;
      streaksHint: string;
      badges: string;
      badgesHint: string;
      weeklyGoal: string;
      weeklyGoalHint: string;
      weeklyGoalDays: (days: number) => string;
    };
    aboutYou: {
      title: string;
      intro: string;
      save: string;
      saving: string;
      saved: string;
      nameLabel: string;
      nameHint: string;
      saveName: string;
      nameSaved: string;
    };
    data: {
      title: string;
      intro: string;
      exportHint: string;
      export: string;
      exportProgress: string;
      /** Where the export was written. */
      exported: (path: string) => string;
      importHint: string;
      /** Labels the (visually hidden) file input, shown as its button. */
      import: string;
      importProgress: string;
      imported: (name: string) => string;
      switchTo: (name: string) => string;
      deleteHint: string;
      delete: string;
      deleteTitle: (name: string) => string;
      deleteText: (name: string) => string;
      deleteConfirm: string;
      /** A progress bar's value, read by screen readers. */
      progress: (done: number, total: number) => string;
    };
    /** The optional profile lock (ADR 0016). Every label is unique on the page. */
    lock: {
      title: string;
      hint: string;
      currentPin: string;
      newPin: string;
      repeatPin: string;
      setPin: string;
      changePin: string;
      removeHint: string;
      removeCurrentPin: string;
      removePin: string;
      lockHint: string;
      lockNow: string;
      notSame: string;
      pinSet: string;
      pinChanged: string;
      pinRemoved: string;
    };
    /** Signed app updates (ADR 0019). */
    updates: {
      title: string;
      /** The running version (`beta` when it is a pre-release). */
      version: (version: string, beta: boolean) => string;
      channel: string;
      channels: Record<UpdateChannel, string>;
      channelHint: string;
      check: string;
      checking: string;
      upToDate: string;
      available: (version: string) => string;
      /** An older stable release, offered to go back to stable from a beta. */
      downgrade: (version: string) => string;
      install: string;
      /** The download's progress bar (its accessible name). */
      downloading: string;
      /** How much is downloaded, in MB (already formatted); `total` null when the size is not known. */
      downloaded: (done: string, total: string | null) => string;
      installed: string;
      restart: string;
      returnToStable: string;
      returnHint: string;
      unsupported: string;
    };
  };
  /** The small notice, anywhere in the app, that an update is available. */
  updateNotice: {
    text: (version: string) => string;
    view: string;
    dismiss: string;
  };
  /** The lock screen of a profile with a PIN not yet given in this run. */
  lockScreen: {
    title: string;
    text: (name: string) => string;
    pinLabel: string;
    unlock: string;
    notYou: (name: string) => string;
  };
  profiles: {
    switchProfile: string;
    yourProfiles: string;
    active: string;
    /** Read after the name of a profile with a PIN. */
    hasPin: string;
    addProfile: string;
    deleteProfile: (name: string) => string;
    confirmTitle: (name: string) => string;
    confirmText: (name: string) => string;
    delete: string;
  };
  memory: {
    title: string;
    intro: string;
    addLabel: string;
    addHint: string;
    remember: string;
    remembering: string;
    searchLabel: string;
    searchHint: string;
    searching: string;
    results: (count: number) => string;
    noResults: (query: string) => string;
    empty: string;
    listTitle: string;
    resultsTitle: string;
    loadMore: string;
    match: (percent: number) => string;
    added: (date: string) => string;
    edited: (date: string) => string;
    edit: string;
    editLabel: (snippet: string) => string;
    editField: string;
    save: string;
    saving: string;
    forget: string;
    forgetLabel: (snippet: string) => string;
    forgetAll: string;
    forgetAllTitle: (count: number) => string;
    forgetAllText: string;
    statusLabel: string;
    model: (id: string, dimensions: number) => string;
    count: (count: number) => string;
    health: Record<IndexHealth, string>;
    modelLoaded: string;
    modelIdle: string;
    pending: (count: number) => string;
    /** A core job's name for people, e.g. "memory.rebuild". */
    job: (job: string) => string;
    progress: (done: number, total: number) => string;
  };
  breathing: {
    title: string;
    practiceTab: string;
    historyTab: string;
    techniques: Record<Technique, string>;
    techniqueHints: Record<Technique, string>;
    chooseTechnique: string;
    patternSummary: (
      inhale: number,
      hold: number,
      exhale: number,
      holdAfter: number,
      cycles: number,
    ) => string;
    suggestedBecause: string;
    customPattern: string;
    inhaleSeconds: string;
    holdSeconds: string;
    exhaleSeconds: string;
    holdAfterSeconds: string;
    cycles: string;
    wimHofSettings: string;
    rounds: string;
    breathsPerRound: string;
    tempoSeconds: string;
    manualPacing: string;
    retentionTarget: string;
    recoveryHold: string;
    recoveryPause: string;
    moodBefore: string;
    moodAfter: string;
    start: string;
    starting: string;
    tryInstead: (technique: string) => string;
    gateBlocked: string;
    gateMessages: Record<GateReason, string>;
    safetyTitle: string;
    safetyLines: string[];
    safetyAcknowledge: string;
    phases: Record<Phase, string>;
    secondsLeft: (seconds: number) => string;
    circleLabel: (phase: string, seconds: number) => string;
    cycleOf: (cycle: number, total: number) => string;
    roundOf: (round: number, total: number) => string;
    breathOf: (breath: number, total: number) => string;
    sessionLabel: (technique: string) => string;
    pause: string;
    resume: string;
    stop: string;
    mute: string;
    ambient: string;
    soundSwitchFailed: string;
    paused: string;
    soundOff: string;
    tapBreath: string;
    tapHint: string;
    release: string;
    retentionTarget_: (target: string) => string;
    recoveryHoldTitle: string;
    recoveryPauseTitle: string;
    roundResults: string;
    roundResult: (round: number, time: string) => string;
    wellDone: string;
    stoppedTitle: string;
    duration: string;
    cyclesCompleted: string;
    roundsCompleted: string;
    averageRetention: string;
    bestRetention: string;
    save: string;
    saving: string;
    savedTitle: string;
    again: string;
    historyTitle: string;
    historyEmpty: string;
    completed: string;
    stopped: string;
    deleteSession: (when: string) => string;
    deleteTitle: string;
    deleteText: string;
    delete: string;
    showMore: string;
    statsTitle: string;
    statsEmpty: string;
    techniqueStats: (started: number, completed: number, duration: string) => string;
    wimHofStats: string;
    totalDuration: string;
    monthly: string;
    monthlyRow: (sessions: number, duration: string) => string;
    trendTitle: string;
    trendEmpty: string;
    trendLabel: (points: number, best: string) => string;
  };
  progress: {
    title: string;
    intro: string;
    empty: string;
    /** One calm line when streaks, badges or both are turned off. */
    turnedOff: Record<"streaks" | "badges" | "both", string>;
    streakTitle: string;
    streakDays: (days: number) => string;
    longest: (days: number) => string;
    activeToday: string;
    keepGoing: string;
    startStreak: string;
    milestoneReached: (days: number) => string;
    nextMilestone: (days: number, left: number) => string;
    allMilestones: string;
    milestoneLabel: string;
    weekTitle: string;
    weekLabel: string;
    weekProgress: (active: number, goal: number) => string;
    weekMet: string;
    weekDays: string;
    /** A day of the week or of the calendar (already worded) and whether something was done. */
    dayStatus: (day: string, active: boolean) => string;
    badgesTitle: string;
    badges: Record<BadgeCode, { name: string; description: string }>;
    earnedOn: (date: string) => string;
    badgeProgress: (progress: number, target: number) => string;
    badgeProgressLabel: (name: string) => string;
    calendarTitle: string;
    previousMonth: string;
    nextMonth: string;
    totalsTitle: string;
    /** What a number of completed activities is called, by kind. */
    totals: Record<MoodActivity, (count: number) => string>;
    helpsTitle: string;
    helpsIntro: string;
    helpsEmpty: string;
    recommended: string;
    score: (score: string) => string;
    scoreLabel: (name: string) => string;
    completedOf: (completed: number, started: number) => string;
    improvedRecent: (improved: number, rated: number) => string;
    noMoods: string;
  };
  wellness: {
    title: string;
    intro: string;
    learning: string;
    learningHint: string;
    /** Said while learning is paused. */
    paused: string;
    empty: string;
    /** The heading of each group of items. */
    groups: Record<WellnessKind, string>;
    topics: Record<Topic, string>;
    preferences: Record<Preference, string>;
    /** The baseline item of the mean mood (the other baselines are named by their emotion). */
    mood: string;
    /** An item's number as a short line, by kind; `average`, `score` and `share` come formatted. */
    values: {
      topic: (mentions: number) => string;
      trigger: (lowDays: number) => string;
      mood: (average: string) => string;
      emotion: (times: number) => string;
      helps: (score: string) => string;
      preference: (share: string) => string;
    };
    /** Where an item came from: each non-zero source, then the list of them in a sentence. */
    sources: Record<"messages" | "journal" | "checkins" | "sessions", (count: number) => string> & {
      from: (list: string) => string;
    };
    yourNote: string;
    addNote: string;
    editNote: string;
    addNoteLabel: (name: string) => string;
    editNoteLabel: (name: string) => string;
    noteLabel: (name: string) => string;
    noteCount: (count: string, max: string) => string;
    save: string;
    saving: string;
    remove: string;
    removeLabel: (name: string) => string;
    removeTitle: (name: string) => string;
    removeText: string;
    reset: string;
    resetTitle: string;
    resetText: string;
    resetConfirm: string;
  };
}

export const en: Messages = {
  errors: errorsEn,
  common: {
    loading: "Loading…",
    retry: "Try again",
    cancel: "Cancel",
    somethingWentWrong: "Something went wrong",
  },
  onboarding: {
    welcomeTitle: "Welcome to Wbot",
    welcomeText:
      "Let's get to know each other a little. A few questions help me support you in a way that fits. Everything you share is kept on this device; an online chat model receives only what you allow.",
    addProfileTitle: "Add a profile",
    nameLabel: "Your name",
    nameHint: "What should I call you?",
    back: "Back",
    next: "Next",
    finish: "Finish",
    progress: (step, total) => `${step} of ${total}`,
    lastStep: "Last step",
    currentFeeling: {
      title: "How are you feeling right now?",
      hint: "There's no wrong answer.",
      options: {
        great: "Great — full of energy",
        good: "Good — things are going fine",
        okay: "Okay — somewhere in the middle",
        low: "Low — a bit down or tired",
        struggling: "Struggling — it's a hard time",
      },
    },
    primaryGoal: {
      title: "What would you most like help with?",
      hint: "Pick the one that matters most today; you can change it later.",
      options: {
        reduce_stress: "Feeling less stressed",
        improve_sleep: "Sleeping better",
        manage_anxiety: "Handling anxiety",
        build_habits: "Building healthy habits",
        process_emotions: "Making sense of my emotions",
        self_discovery: "Getting to know myself",
      },
    },
    challenges: {
      title: "What has been weighing on you lately?",
      hint: "Choose any that apply, or none.",
      options: {
        stress: "Stress",
        anxiety: "Anxiety or worry",
        sleep: "Sleep",
        focus: "Staying focused",
        relationships: "Relationships",
        work: "Work or studies",
        low_mood: "Low mood",
        loneliness: "Feeling lonely",
      },
    },
    communicationStyle: {
      title: "How would you like me to talk with you?",
      hint: "Choose one.",
      options: {
        direct: "Straight to the point",
        warm: "Warm and gentle",
        reflective: "Thoughtful, with questions",
        structured: "Clear steps and structure",
      },
    },
    supportType: {
      title: "What kind of support helps you most?",
      hint: "Choose one.",
      options: {
        listening: "Someone to listen",
        guidance: "Gentle guidance",
        practical_tools: "Practical tools and exercises",
        encouragement: "Encouragement to keep going",
      },
    },
    preferredActivities: {
      title: "Which activities would you like to try?",
      hint: "Choose any that apply, or none.",
      options: {
        breathing: "Breathing exercises",
        meditation: "Meditation",
        journaling: "Journaling",
        mood_tracking: "Mood tracking",
        conversation: "Talking things through",
      },
    },
    experienceLevel: {
      title: "How familiar are you with mindfulness practices?",
      hint: "Choose one.",
      options: {
        beginner: "New to this",
        some: "I've tried a few things",
        experienced: "I practise regularly",
      },
    },
    sessionLength: {
      title: "How long would you like your sessions to be?",
      hint: "Choose one.",
      options: {
        short: "Short — up to 5 minutes",
        medium: "Medium — 5 to 15 minutes",
        long: "Long — 15 minutes or more",
      },
    },
    contraindications: {
      title: "Does any of this apply to you?",
      hint: "Intense breathing such as the Wim Hof method isn't safe for everyone, so these answers decide whether it is offered to you.",
      options: {
        heart_condition: "A heart condition",
        high_blood_pressure: "High blood pressure",
        pregnancy: "Pregnancy",
        epilepsy: "Epilepsy or seizures",
      },
      none: "None of these",
    },
    creating: "Setting things up…",
  },
  nav: {
    label: "Main",
    discover: "Discover",
    sections: {
      breathing: "Breathing",
      meditation: "Meditation",
      journaling: "Journaling",
      mood: "Mood",
      wellness: "Wellness",
      progress: "Progress",
    },
    newConversation: "New Conversation",
    history: "Conversation History",
    noConversations: "No conversations yet",
    showMore: "Show more",
    settings: "Settings",
    openMenu: "Open menu",
    closeMenu: "Close menu",
    memories: "Memories",
  },
  chat: {
    title: "Companion",
    greeting: (name) => `Hi, ${name}`,
    intro: "How can I support you today?",
    quickActions: "Quick actions",
    breathe: "Breathe",
    meditate: "Meditate",
    journal: "Journal",
    checkIn: "Check in",
    starters: "Conversation starters",
    starterAnxious: "I'm feeling anxious",
    starterUnwind: "Help me unwind",
    starterReflect: "I want to reflect on my day",
    inputLabel: "Message",
    inputHint: "Enter sends; Shift+Enter starts a new line.",
    send: "Send",
    stop: "Stop",
    charCount: (count, max) => `${count} / ${max} characters`,
    tooLong: (count, max) =>
      `This message has ${count} characters; the limit is ${max}. Please shorten it or split it into several messages.`,
    you: "You",
    wbot: "Wbot",
    replying: "Wbot is replying…",
    statusNotes: {
      partial: "This reply was cut off before it finished.",
      failed: "No reply came this time.",
      cancelled: "You stopped this reply.",
    },
    retry: "Retry",
    showEarlier: "Show earlier messages",
    untitled: "New conversation",
    remember: "Remember this conversation",
    rememberOn: "Wbot keeps memories of what you say here.",
    rememberOff: "Nothing from this conversation becomes a memory.",
    searchLabel: "Search conversations",
    searchMode: "Search by",
    keyword: "Keyword",
    meaning: "Meaning",
    searching: "Searching…",
    hits: (count) => (count === 1 ? "1 conversation found" : `${count} conversations found`),
    noHits: (query) => `No conversations match “${query}”.`,
    match: (percent) => `${percent}% match`,
    rename: "Rename",
    renameLabel: (title) => `Rename ${title}`,
    yourPreview: (text) => `You: ${text}`,
    titleField: "Conversation title",
    save: "Save",
    delete: "Delete",
    deleteLabel: (title) => `Delete ${title}`,
    deleteTitle: (title) => `Delete “${title}”?`,
    deleteText:
      "The conversation and all its messages are removed from this device. This can't be undone.",
    forgetMemories: "Also forget what Wbot remembered from it",
    safetyTitle: "You don't have to face this alone",
    safetyText:
      "It sounds like things are really hard right now. If you are thinking about ending your life or hurting yourself, people are ready to listen, any time:",
    safetyContinue: "I'm still here, and we can keep talking.",
    call: (number) => `Call ${number}`,
    text: (number) => `Text ${number}`,
    website: "Website",
    loadingHelplines: "Loading helplines…",
    reasons: {
      sleep: "A slow 4-7-8 breath can help your body settle towards sleep.",
      anxiety: "Box breathing gives a steady rhythm to hold on to when anxiety rises.",
      calm: "A few minutes of slow, even breathing can help you feel calmer.",
      space: "A short, quiet meditation could give you some space right now.",
      gratitude: "Noticing what went well can lift the day a little.",
      self_compassion: "Writing to yourself as you would to a friend can ease the weight.",
      processing: "Writing it down can help untangle what you are feeling.",
      helped: "This has helped you before.",
    },
    helpedBy: (name, improved, rated) =>
      rated === 1 && improved === 1
        ? `${name} helped you the one time you rated it`
        : `${name} helped you ${improved} of the last ${rated} times`,
    activityTitles: {
      breathing: "A breathing exercise",
      meditation: "A short meditation",
      journaling: "A journaling prompt",
    },
    start: "Start",
    change: "Change",
    notNow: "Not now",
    declined: "Not now. You can ask for it any time.",
    choseBreathing: (technique) => `You chose ${technique}.`,
    choseMeditation: (minutes) => `You chose a ${minutes}-minute meditation.`,
    choseJournaling: (category, prompt) => `You chose to write (${category}): “${prompt}”`,
    write: "Write",
    minutes: "Minutes",
    meditationLength: (minutes) => `${minutes} minutes`,
    category: "Category",
    categories: {
      reflection: "Reflection",
      gratitude: "Gratitude",
      processing: "Processing",
      growth: "Growth",
      self_compassion: "Self-compassion",
    },
    prompt: "Prompt",
    summary: (activity, duration, completed) =>
      `${activity} · ${duration} · ${completed ? "completed" : "stopped early"}`,
    moodChange: (before, after) => `mood ${before} → ${after}`,
    summaryFailed: "The session was saved, but it could not be added to this conversation.",
    setupTitle: "Connect a chat model",
    setupText:
      "Wbot's replies come from a chat model you choose. Until one is connected, your messages are still saved and activity suggestions still appear.",
    setupLocal:
      "Private and offline: run Ollama, a llama.cpp server or LM Studio on this computer and add it.",
    setupKey: "Or add a service such as OpenAI, Anthropic or OpenRouter with your API key.",
    setupButton: "Open chat model settings",
  },
  chatSettings: {
    title: "Chat model",
    intro:
      "Wbot asks these in order: when one is busy or fails, the next one answers. Only the chat model may be remote.",
    empty: "No chat model yet. Add one below.",
    position: (n) => `${n}.`,
    moveUp: (name) => `Move ${name} up`,
    moveDown: (name) => `Move ${name} down`,
    edit: "Edit",
    editLabel: (name) => `Edit ${name}`,
    delete: "Remove",
    deleteLabel: (name) => `Remove ${name}`,
    deleteTitle: (name) => `Remove ${name}?`,
    deleteText: "Wbot stops using it, and its saved API key is removed from this device.",
    test: "Test connection",
    testLabel: (name) => `Test connection to ${name}`,
    testing: "Testing…",
    testOk: (ms, sample) => `Connected in ${ms} ms. It said: “${sample}”`,
    keySaved: "A key is saved",
    noKey: "No key",
    addTitle: "Add a chat model",
    startFrom: "Start from",
    custom: "Custom",
    add: "Add",
    editTitle: (name) => `Edit ${name}`,
    name: "Name",
    kind: "Type",
    kinds: { openAiCompatible: "OpenAI-compatible", anthropic: "Anthropic" },
    baseUrl: "Address",
    baseUrlHint: "Up to the API version, e.g. http://127.0.0.1:11434/v1",
    model: "Model",
    timeout: "Timeout (seconds)",
    timeoutInvalid: "Please enter the timeout in seconds, e.g. 60.",
    apiKey: "API key",
    apiKeyHint: "Kept in this device's keychain and never shown again. Local servers need none.",
    apiKeyNew: "Type a new key to replace the saved one.",
    removeKey: "Remove key",
    keyWillGo: "The saved key will be removed when you save.",
    keepKey: "Keep the key",
    save: "Save",
    saving: "Saving…",
    local: "On this computer",
    needsKey: "Needs an API key",
    regionLabel: "Helplines in the safety card",
    regionHint: "Where you are, so the numbers shown can be called.",
    regions: {
      "": "Default (US & UK)",
      US: "United States",
      GB: "United Kingdom",
      IE: "Ireland",
      CA: "Canada",
      AU: "Australia",
      NZ: "New Zealand",
      ES: "Spain",
    },
    remote: {
      notAllowed: "Online service. Not used until you allow it.",
      allowed: "Online service, allowed.",
      review: "Review and allow",
      reviewLabel: (name) => `Review and allow ${name}`,
      title: (name) => `Before ${name} is used`,
      online: (name, host) =>
        `${name} is an online service, so your messages leave this device and go to ${host}. Wbot sends it nothing until you allow it.`,
      always: "It always receives:",
      alwaysName: "Your name",
      alwaysMood: "Your latest mood check-in",
      alwaysConversation: "The recent part of the conversation",
      choose: "You choose whether it also receives:",
      memories: "Memories from earlier conversations",
      memoriesHint:
        "What Wbot recalls from past conversations and from journal entries you shared.",
      aboutYou: "What you told Wbot about yourself",
      aboutYouHint:
        "Your answers from when you started, your wellness profile and what has helped you.",
      allow: (name) => `Allow ${name}`,
      notNow: "Not now",
      sectionTitle: "What online models receive",
      sectionIntro:
        "A model on this device or your own network always gets everything. Nothing goes online unless you allow an online model; it then gets your name, your latest mood check-in, the recent conversation and what you choose here.",
    },
  },
  meditation: {
    title: "Meditation",
    setupTitle: "A new session",
    length: "Length",
    presetMinutes: (minutes) => `${minutes} min`,
    custom: "Custom",
    customMinutes: "Minutes (1–180)",
    interval: "Interval bells",
    intervalOff: "Off",
    intervalEvery: (minutes) => (minutes === 1 ? "Every minute" : `Every ${minutes} minutes`),
    ambient: "Ambient sound",
    ambientNone: "None",
    beds: {
      ocean: "Ocean",
      rain: "Rain",
      forest: "Forest",
      white: "White noise",
      pink: "Pink noise",
      brown: "Brown noise",
    },
    ambientVolume: "Ambient volume",
    binaural: "Binaural beats",
    binauralOff: "Off",
    bands: {
      delta: "Delta (2 Hz) — deep rest",
      theta: "Theta (6 Hz) — meditation",
      alpha: "Alpha (10 Hz) — calm focus",
      beta: "Beta (20 Hz) — alertness",
    },
    headphones: "Use headphones: each ear hears a slightly different tone.",
    moodBefore: "How do you feel before meditating?",
    begin: "Begin",
    starting: "Starting…",
    saved: "Session saved",
    silentTimer: "Silent meditation",
    remaining: "Time left",
    progress: "Meditation progress",
    progressText: (clock) => `${clock} left`,
    pause: "Pause",
    resume: "Resume",
    paused: "Paused",
    endNow: "End now",
    bellRang: {
      start: () => "The bell rings. Settle in.",
      interval: (clock) => `A bell at ${clock}`,
      end: () => "The last bell rings.",
    },
    wellDone: "Well done",
    endedEarly: "Ended early",
    meditated: (done, planned) => `You meditated for ${done} of ${planned} minutes.`,
    moodAfter: "How do you feel now?",
    save: "Save",
    saving: "Saving…",
    historyTitle: "History",
    historyEmpty: "No meditations yet. The sessions you save will appear here.",
    minutesOf: (done, planned) => `${done} of ${planned} min`,
    completed: "Completed",
    stopped: "Ended early",
    silence: "Silence",
    bandShort: {
      delta: "Delta beats (2 Hz)",
      theta: "Theta beats (6 Hz)",
      alpha: "Alpha beats (10 Hz)",
      beta: "Beta beats (20 Hz)",
    },
    bellEvery: (minutes) => (minutes === 1 ? "A bell every minute" : `A bell every ${minutes} min`),
    noBells: "No interval bells",
    moods: (before, after) => `Mood ${before} → ${after}`,
    noMood: "–",
    deleteSession: (when) => `Delete meditation from ${when}`,
    deleteTitle: "Delete this meditation?",
    deleteText:
      "It will be removed from your history and progress, with its moods. This can't be undone.",
    delete: "Delete",
    showMore: "Show more",
  },
  tracks: {
    title: "Guided tracks",
    importButton: "Import a track",
    picking: "Choosing a file…",
    formTitle: (file) => `Import “${file}”`,
    titleLabel: "Title",
    kindLabel: "Type",
    languageLabel: "Language",
    import: "Import",
    importing: "Importing…",
    importProgress: "Import progress",
    progress: (done, total) => `${Math.round((done / total) * 100)}%`,
    imported: (title) => `“${title}” was imported.`,
    kinds: {
      body_scan: "Body scan",
      breathing_focus: "Breathing focus",
      loving_kindness: "Loving-kindness",
      difficulties: "Working with difficulties",
      sleep: "Sleep",
      daily_mindfulness: "Daily mindfulness",
    },
    languages: { en: "English", es: "Spanish" },
    filters: "Filter tracks",
    filterKind: "Filter by type",
    allKinds: "All types",
    filterLength: "Filter by length",
    lengths: {
      all: "All lengths",
      short: "Short (up to 5 min)",
      medium: "Medium (5–15 min)",
      long: "Long (over 15 min)",
    },
    favouritesOnly: "Favourites",
    empty:
      "No guided tracks yet. Import an audio file (mp3, ogg, wav or flac) to listen to it here.",
    noMatch: "No track matches these filters.",
    favourite: (title) => `Favourite ${title}`,
    continueFrom: (clock) => `Continue from ${clock}`,
    play: "Play",
    playTrack: (title) => `Play ${title}`,
    delete: "Delete",
    deleteTrack: (title) => `Delete ${title}`,
    deleteTitle: "Delete this track?",
    deleteText: (title) =>
      `“${title}” and its audio file will be removed from Wbot. This can't be undone.`,
    nowPlaying: "Now playing",
    pause: "Pause",
    resume: "Resume",
    stop: "Stop",
    playAgain: "Play again",
    paused: "Paused",
    finished: "Finished",
    position: "Position",
    time: (position, duration) => `${position} / ${duration}`,
    positionText: (position, duration) => `${position} of ${duration}`,
    volume: "Track volume",
    volumeValue: (percent) => `${percent}%`,
    ambient: "Background sound",
    spoken: {
      title: "Spoken by the voice",
      hint: "Written by the Wbot team and spoken by a voice on this device. Nothing is sent anywhere.",
      titles: {
        "breathing-focus-3": "Three minutes with the breath",
        "body-scan-10": "A ten-minute body scan",
      },
      minutes: (n) => `about ${String(n)} min`,
      prepare: "Prepare",
      prepareTrack: (title) => `Prepare ${title}`,
      preparing: "Preparing the voice",
      ready: (title) => `“${title}” is ready in your tracks.`,
      empty: "No written meditations come with this version of Wbot.",
    },
    personal: {
      title: "A meditation for me",
      hint: "Your chat model writes it from what you've shared lately and how you feel, and a voice on this device speaks it.",
      english: "The voice speaks English for now.",
      minutes: (n) => `${String(n)} minutes`,
      write: "Write and speak",
      writing: "Writing your meditation",
      trackTitle: "A meditation for you",
    },
    series: {
      title: "Series",
      hint: "One meditation a day, in order. The voice on this device speaks each day the first time you play it.",
      names: { seven_day_calm: "7 Day Calm", sleep_better: "Sleep Better" },
      descriptions: {
        seven_day_calm: "A week of short daily meditations that build a calmer habit step by step.",
        sleep_better:
          "Five gentle meditations for bedtime, to help you unwind and drift off to sleep.",
      },
      daysDone: (done, total) => `${String(done)} of ${String(total)} days done`,
      completedOn: (date) => `Completed on ${date}`,
      day: (day) => `Day ${String(day)}`,
      doneOn: (date) => `Done on ${date}`,
      play: "Play",
      playAgain: "Play again",
      playDay: (day, series) => `Play day ${String(day)} of ${series}`,
      opensAfter: (day) => `Opens after day ${String(day)}`,
      preparing: (day) => `Preparing day ${String(day)}…`,
      trackTitle: (series, day) => `${series} · Day ${String(day)}`,
    },
    script: {
      read: "Read the script",
      readTrack: (title) => `Read the script of ${title}`,
      loading: "Loading the script…",
      none: "This track has no script.",
      pause: (seconds) => `— pause ${seconds} s —`,
    },
  },
  journaling: {
    title: "Journaling",
    entry: "Your entry",
    moodBefore: "How do you feel before writing?",
    moodAfter: "How do you feel after writing?",
    words: (n) => (n === 1 ? "1 word" : `${String(n)} words`),
    writingTime: (clock) => `${clock} writing`,
    save: "Save entry",
    cancel: "Cancel",
    saved: "Your entry is saved.",
    intro:
      "Write freely or start from a prompt. Your entries are kept on this device; a chat model sees one only if you share it.",
    startTitle: "Start writing",
    categoriesLabel: "Prompt categories",
    freeWriting: "Free writing",
    freeWritingHint: "No prompt, just your own words.",
    promptsLabel: (category) => `${category} prompts`,
    minutes: (n) => `About ${n} min`,
    followUps: "Questions to keep going",
    prompts: {
      reflection_today: {
        text: "What stood out to you about today, and why?",
        followUps: [
          "What were you feeling in that moment?",
          "What would you like to remember from it?",
        ],
      },
      reflection_energy: {
        text: "What gave you energy this week, and what drained it?",
        followUps: [
          "Which of these could you have more of next week?",
          "What could you say no to?",
          "What did you notice about your sleep, food or movement?",
        ],
      },
      reflection_self: {
        text: "When did you feel most like yourself recently?",
        followUps: ["Who were you with, and what were you doing?", "What made it feel that way?"],
      },
      gratitude_three: {
        text: "Name three things, big or small, that you're grateful for today.",
        followUps: [
          "Why does each one matter to you?",
          "Which of them happened because of something you did?",
        ],
      },
      gratitude_person: {
        text: "Who has made a difference to you lately?",
        followUps: ["What did they do, and how did it feel?", "What would you like to tell them?"],
      },
      gratitude_small: {
        text: "What small pleasure did you enjoy recently?",
        followUps: [
          "Where were you, and what did you notice with your senses?",
          "How could you make room for it again?",
        ],
      },
      processing_weight: {
        text: "What's weighing on you right now?",
        followUps: [
          "What part of it is in your control, and what isn't?",
          "What would help, even a little?",
          "Who could you talk to about it?",
        ],
      },
      processing_weather: {
        text: "If your mood today were the weather, what would it be?",
        followUps: ["When did it start to change?", "What does it need from you right now?"],
      },
      processing_replay: {
        text: "Is there a moment or a conversation you keep replaying? Write it out.",
        followUps: [
          "What did you feel then, and what do you feel now?",
          "What do you wish had gone differently?",
          "What would you tell a friend who went through it?",
        ],
      },
      growth_challenge: {
        text: "What challenge did you face recently, and what did it teach you?",
        followUps: ["What strength did you draw on?", "What would you do differently next time?"],
      },
      growth_step: {
        text: "What's one small step you could take this week towards something that matters to you?",
        followUps: ["What might get in the way?", "How will you know you've done it?"],
      },
      growth_future: {
        text: "Imagine yourself a year from now, doing well. What does a good day look like?",
        followUps: [
          "What has changed since today?",
          "What habit helped you get there?",
          "What would that future you tell you now?",
        ],
      },
      compassion_friend: {
        text: "What would you say to a close friend going through what you're going through?",
        followUps: ["Can you say the same words to yourself?", "What makes that hard?"],
      },
      compassion_well: {
        text: "Write down something you did well today, however small.",
        followUps: ["What did it take to do it?", "How does it feel to give yourself credit?"],
      },
      compassion_kindness: {
        text: "What are you being hard on yourself about? Write to yourself with kindness.",
        followUps: [
          "What need or fear is behind the criticism?",
          "What would be a kinder way to see it?",
          "What small act of care could you offer yourself today?",
        ],
      },
    },
    draftTitle: "You have an unsaved draft",
    draftText: (date) => `Last written ${date}.`,
    draftOfEntry: (date) => `Changes to an entry, last written ${date}.`,
    draftReplaced: "Starting something new replaces it.",
    continueDraft: "Continue your draft",
    discardDraft: "Discard",
    draftSaving: "Saving draft…",
    draftSaved: "Draft saved",
    draftFailed: "The draft could not be saved; your words are still here.",
    writingTimeHint: "Writing time counts while the text box has focus.",
    editing: "Editing an entry",
    saveChanges: "Save changes",
    saving: "Saving…",
    close: "Close",
    changesSaved: "Your changes are saved.",
    entriesTitle: "Your entries",
    entriesLabel: "Journal entries",
    searchLabel: "Search your journal",
    searchHint: "Words in your entries, or what they are about",
    searchMode: "Search your journal by",
    byWords: "Words",
    byMeaning: "Meaning",
    category: "Category",
    allCategories: "All categories",
    favouritesOnly: "Favourites only",
    from: "From",
    to: "To",
    clearFilters: "Clear filters",
    empty: "No entries yet. Pick a prompt above, or write freely.",
    noMatches: "No entries match.",
    searching: "Searching…",
    results: (count) => (count === 1 ? "1 entry" : `${count} entries`),
    loadMore: "Load more",
    match: (percent) => `${percent}% match`,
    openLabel: (snippet) => `Open entry: ${snippet}`,
    favourite: "Favourite",
    favouriteLabel: (snippet) => `Favourite: ${snippet}`,
    delete: "Delete",
    deleteLabel: (snippet) => `Delete entry: ${snippet}`,
    deleted: "Entry deleted.",
    undo: "Undo",
    deleteFailed: "The entry could not be deleted, so it is back in your list.",
    written: (date) => `Written ${date}`,
    edited: (date) => `Edited ${date}`,
    back: "Back to entries",
    edit: "Edit",
    details: "About this entry",
    wordCount: "Words",
    writingTimeLabel: "Writing time",
    moodBeforeLabel: "Mood before",
    moodAfterLabel: "Mood after",
    noMood: "Not given",
    discuss: "Talk about this",
    discussRemember: "Also remember this entry",
    discussHint:
      "Opens a new conversation; this entry's words will be sent to your chat model in it.",
  },
  mood: {
    title: "Mood",
    intro:
      "How you feel, day by day. Check in whenever you like; the moods you give before and after breathing, meditation and journaling count too.",
    optional: "Optional",
    levels: { 1: "1 — Very low", 2: "2 — Low", 3: "3 — Okay", 4: "4 — Good", 5: "5 — Great" },
    checkinTitle: "Check in",
    question: "How are you feeling right now?",
    emotionsLegend: "What are you feeling?",
    emotions: {
      calm: "Calm",
      content: "Content",
      grateful: "Grateful",
      hopeful: "Hopeful",
      joyful: "Joyful",
      proud: "Proud",
      loved: "Loved",
      energised: "Energised",
      tired: "Tired",
      bored: "Bored",
      sad: "Sad",
      lonely: "Lonely",
      anxious: "Anxious",
      stressed: "Stressed",
      overwhelmed: "Overwhelmed",
      angry: "Angry",
      frustrated: "Frustrated",
      ashamed: "Ashamed",
      afraid: "Afraid",
      numb: "Numb",
    },
    noteLabel: "Note",
    noteCount: (count, max) => `${count} / ${max} characters`,
    save: "Save check-in",
    saving: "Saving…",
    saved: "Check-in saved.",
    chooseMood: "Please choose how you feel, from 1 to 5, first.",
    recentTitle: "Recent check-ins",
    recentEmpty:
      "No check-ins yet. Your check-ins, and the moods you give around activities, will appear here.",
    loadMore: "Load more",
    activities: { breathing: "Breathing", meditation: "Meditation", journaling: "Journaling" },
    standalone: "Check-in",
    context: {
      breathing: { before: "Before breathing", after: "After breathing" },
      meditation: { before: "Before meditating", after: "After meditating" },
      journaling: { before: "Before journaling", after: "After journaling" },
    },
    deleteLabel: (when, context) => `Delete check-in from ${when} (${context})`,
    deleteTitle: "Delete this check-in?",
    deleteText: "It will be removed from your history and trends. This can't be undone.",
    delete: "Delete",
    trendsTitle: "Trends",
    periodLabel: "Period",
    periods: { week: "7 days", month: "30 days", quarter: "12 weeks" },
    chartTitle: (period) => `Mood over the last ${period}`,
    average: "Daily average",
    range: "Lowest to highest",
    trendEmpty:
      "Nothing recorded in this period yet. Check in above, or give your mood before and after an activity.",
    tableCaption: (period) => `Mood per day, last ${period}`,
    tableNote: "Days with nothing recorded are left out.",
    showTable: "Show as a table",
    hideTable: "Hide the table",
    columns: {
      date: "Date",
      average: "Average",
      lowest: "Lowest",
      highest: "Highest",
      activities: "Activities",
    },
    activityCount: (activity, count) => `${activity} × ${count}`,
    noValue: "—",
    changesTitle: "Mood around activities",
    changesEmpty: "Give your mood before and after an activity to see how it moves your mood.",
    change: {
      breathing: (improved, rated, same, declined, average) =>
        `Breathing: mood rose on ${improved} of ${rated} ${rated === 1 ? "session" : "sessions"} (${same} the same, ${declined} lower), ${average} on average.`,
      meditation: (improved, rated, same, declined, average) =>
        `Meditation: mood rose on ${improved} of ${rated} ${rated === 1 ? "session" : "sessions"} (${same} the same, ${declined} lower), ${average} on average.`,
      journaling: (improved, rated, same, declined, average) =>
        `Journaling: mood rose on ${improved} of ${rated} ${rated === 1 ? "entry" : "entries"} (${same} the same, ${declined} lower), ${average} on average.`,
    },
  },
  theme: {
    group: "Theme",
    light: "Light theme",
    system: "System theme",
    dark: "Dark theme",
  },
  reminders: {
    title: "Reminders",
    intro:
      "A gentle nudge at the times you choose, shown as a notification while Wbot is running (it can stay in the background). A reminder whose time passes while Wbot is closed is not sent later.",
    empty: "No reminders yet.",
    add: "Add a reminder",
    kind: "Kind",
    kinds: { checkin: "Mood check-in", practice: "Practice" },
    time: "Time",
    days: "Days",
    keepOneDay: "A reminder needs at least one day.",
    save: "Save reminder",
    saving: "Saving…",
    edit: "Edit",
    delete: "Delete",
    deleteTitle: "Delete this reminder?",
    deleteText: (summary) => `“${summary}” will no longer be sent.`,
    summary: (kind, time, days) => `${kind} at ${time} · ${days}`,
    everyDay: "Every day",
    notificationTitle: "Wbot",
    notificationBody: {
      checkin: "How are you feeling? Take a moment for a check-in.",
      practice: "A few quiet minutes for yourself? Your practice is waiting.",
    },
  },
  settings: {
    title: "Settings",
    general: "General",
    language: "Language",
    languageHint: "Used for everything Wbot shows you.",
    sound: {
      title: "Sound",
      intro: "For breathing and meditation sessions. Changes apply at once, even mid-session.",
      cueVolume: "Cue volume",
      cueVolumeHint: "Breathing cues and bells.",
      ambientVolume: "Ambient volume",
      volumeValue: (percent) => `${percent}%`,
      muted: "Mute all session sounds",
      mutedHint:
        "Silences the cues, the spoken cues, the breath sounds and the ambient sound; your volumes are kept.",
      voiceCues: "Spoken cues",
      voiceCuesHint:
        "A voice on this device also says each phase: “Breathe in.”, “Hold.”, “Breathe out.”, and the Wim Hof round prompts. The voice speaks English for now. If it can't speak, sessions play their chimes alone. Applies from your next breathing session.",
      voiceCueVolume: "Spoken cue volume",
      preparingVoiceCues: "Preparing the spoken cues…",
      voiceCuesProgress: (done, total) => `${String(done)} of ${String(total)} cues`,
      voiceCuesReady: "Spoken cues are ready.",
      breathSounds: "Breath sounds",
      breathSoundsHint:
        "Soft inhale and exhale sounds, shaped to each phase's length, in paced breathing (not Wim Hof's fast breaths). Applies from your next breathing session.",
      breathVolume: "Breath sound volume",
      ambientOn: "Play an ambient sound",
      ambientOnHint:
        "A soft background sound during breathing sessions, and the one a meditation suggests.",
      ambientSound: "Ambient sound",
      ambientKinds: {
        ocean: "Ocean waves",
        rain: "Rain — a steady patter",
        forest: "Forest — wind in the leaves and distant birds",
        white: "White noise — bright and even",
        pink: "Pink noise — soft and even",
        brown: "Brown noise — deep and low",
      },
    },
    motivation: {
      title: "Motivation",
      intro: "What the Progress page shows you.",
      streaks: "Show streaks",
      streaksHint: "How many days in a row you have practised.",
      badges: "Show badges",
      badgesHint: "Small milestones, like your first Wim Hof session.",
      weeklyGoal: "Weekly goal",
      weeklyGoalHint: "Days with an activity you are aiming for, Monday to Sunday.",
      weeklyGoalDays: (days) => (days === 1 ? "1 day a week" : `${days} days a week`),
    },
    aboutYou: {
      title: "About you",
      intro:
        "Your answers from when we met. They shape how I talk with you and what I suggest, and whether intense breathing is offered to you.",
      save: "Save answers",
      saving: "Saving…",
      saved: "Your answers are saved.",
      nameLabel: "Your name",
      nameHint: "The name I greet you with and call you by.",
      saveName: "Save name",
      nameSaved: "Name saved",
    },
    data: {
      title: "Your data",
      intro:
        "Wbot keeps everything about you on this device; an online chat model receives only what you allow. You can save a copy, bring one back, or remove it all.",
      exportHint:
        "Saves everything in this profile — journal, conversations, memories, moods and sessions — as a .zip file in your Downloads folder.",
      export: "Export my data",
      exportProgress: "Export progress",
      exported: (path) => `Saved to ${path}`,
      importHint:
        "Adds the profile saved in an archive exported by Wbot as a new profile. This profile stays as it is.",
      import: "Import from an archive",
      importProgress: "Import progress",
      imported: (name) => `Imported as a new profile: ${name}`,
      switchTo: (name) => `Switch to ${name}`,
      deleteHint: "Removes this profile and everything saved in it from this device.",
      delete: "Delete all my data",
      deleteTitle: (name) => `Delete all of ${name}'s data?`,
      deleteText: (name) =>
        `This removes ${name}'s journal, conversations, memories, moods and sessions from this device. It can't be undone.`,
      deleteConfirm: "Delete everything",
      progress: (done, total) => `${done} of ${total}`,
    },
    lock: {
      title: "Profile lock",
      hint: "A PIN keeps others who use this device out of your data in Wbot. It does not encrypt the files on this device.",
      currentPin: "Current PIN",
      newPin: "New PIN",
      repeatPin: "Repeat the new PIN",
      setPin: "Set PIN",
      changePin: "Change PIN",
      removeHint: "Without a PIN, anyone who uses this device can open your profile.",
      removeCurrentPin: "Current PIN to remove it",
      removePin: "Remove PIN",
      lockHint: "Locks your profile until your PIN is given again, for when you leave the device.",
      lockNow: "Lock now",
      notSame: "The two PINs are not the same.",
      pinSet: "PIN set.",
      pinChanged: "PIN changed.",
      pinRemoved: "PIN removed.",
    },
    updates: {
      title: "Updates",
      version: (version, beta) => (beta ? `Version ${version} (beta)` : `Version ${version}`),
      channel: "Update channel",
      channels: { stable: "Stable", beta: "Beta" },
      channelHint: "Beta gets new features first and may have rough edges.",
      check: "Check for updates",
      checking: "Checking for updates…",
      upToDate: "Wbot is up to date.",
      available: (version) => `Wbot ${version} is available`,
      downgrade: (version) =>
        `Wbot ${version} (stable) is older than the beta you run; installing it takes you back to stable.`,
      install: "Download and install",
      downloading: "Downloading update",
      downloaded: (done, total) => (total === null ? `${done} MB` : `${done} of ${total} MB`),
      installed: "The update is installed. Restart Wbot to use it.",
      restart: "Restart to update",
      returnToStable: "Return to stable",
      returnHint:
        "You run a beta. Going back to stable installs the latest stable version, even though it is older.",
      unsupported: "This copy of Wbot is updated by the store or package manager it came from.",
    },
  },
  updateNotice: {
    text: (version) => `Wbot ${version} is available.`,
    view: "View",
    dismiss: "Dismiss update notice",
  },
  lockScreen: {
    title: "Wbot is locked",
    text: (name) => `Enter ${name}'s PIN to open their journal, moods and conversations.`,
    pinLabel: "PIN",
    unlock: "Unlock",
    notYou: (name) => `Not ${name}? Switch to your own profile.`,
  },
  profiles: {
    switchProfile: "Switch profile",
    yourProfiles: "Profiles on this device",
    active: "Active",
    hasPin: "(locked with a PIN)",
    addProfile: "Add profile",
    deleteProfile: (name) => `Delete ${name}`,
    confirmTitle: (name) => `Delete ${name}?`,
    confirmText: (name) =>
      `This removes ${name}'s profile and everything saved in it from this device. It can't be undone.`,
    delete: "Delete",
  },
  memory: {
    title: "Memories",
    intro:
      "What Wbot remembers about you. It is kept on this device, goes to an online chat model only if you choose, and you can change or forget any of it.",
    addLabel: "Something to remember",
    addHint: "Up to 8,000 characters.",
    remember: "Remember",
    remembering: "Remembering…",
    searchLabel: "Search memories",
    searchHint: "Search by meaning, e.g. “what helps me relax”",
    searching: "Searching…",
    results: (count) => (count === 1 ? "1 memory found" : `${count} memories found`),
    noResults: (query) => `No memories match “${query}”.`,
    empty: "Nothing remembered yet. Write something above for Wbot to remember.",
    listTitle: "Everything Wbot remembers",
    resultsTitle: "Search results",
    loadMore: "Load more",
    match: (percent) => `${percent}% match`,
    added: (date) => `Added ${date}`,
    edited: (date) => `Edited ${date}`,
    edit: "Edit",
    editLabel: (snippet) => `Edit memory: ${snippet}`,
    editField: "Memory text",
    save: "Save",
    saving: "Saving…",
    forget: "Forget",
    forgetLabel: (snippet) => `Forget memory: ${snippet}`,
    forgetAll: "Forget everything",
    forgetAllTitle: (count) =>
      count === 1 ? "Forget your 1 memory?" : `Forget all ${count} memories?`,
    forgetAllText: "Wbot will no longer remember any of them. This can't be undone.",
    statusLabel: "Memory status",
    model: (id, dimensions) => `Model ${id} (${dimensions} dimensions)`,
    count: (count) => (count === 1 ? "1 memory" : `${count} memories`),
    health: {
      not_loaded: "Index not checked yet",
      rebuilding: "Index rebuilding",
      ready: "Index ready",
    },
    modelLoaded: "Model loaded",
    modelIdle: "Model loads on first use",
    pending: (count) => `${count} waiting for the new model`,
    job: (job) =>
      job === "memory.model.load"
        ? "Loading the memory model"
        : job === "memory.rebuild"
          ? "Rebuilding the memory index"
          : job === "memory.reembed"
            ? "Updating memories for the new model"
            : "Working…",
    progress: (done, total) => `${done} of ${total}`,
  },
  breathing: {
    title: "Breathing",
    practiceTab: "Practice",
    historyTab: "History",
    techniques: {
      box: "Box Breathing",
      relaxing_478: "4-7-8 Relaxing Breath",
      coherent: "Coherent Breathing",
      deep_calm: "Deep Calm",
      custom: "Custom pattern",
      wim_hof: "Wim Hof Method",
    },
    techniqueHints: {
      box: "Steady and grounding.",
      relaxing_478: "Slows you down before sleep.",
      coherent: "A calm, even rhythm.",
      deep_calm: "Long exhales to let go of tension.",
      custom: "Set your own rhythm.",
      wim_hof: "Intense breathing with breath holds.",
    },
    chooseTechnique: "Choose a technique",
    patternSummary: (i, h, e, a, c) => `${i}-${h}-${e}-${a} s · ${c} cycles`,
    suggestedBecause: "Suggested for you",
    customPattern: "Your pattern",
    inhaleSeconds: "Breathe in (seconds)",
    holdSeconds: "Hold (seconds)",
    exhaleSeconds: "Breathe out (seconds)",
    holdAfterSeconds: "Hold after breathing out (seconds)",
    cycles: "Cycles",
    wimHofSettings: "Wim Hof settings",
    rounds: "Rounds",
    breathsPerRound: "Breaths per round",
    tempoSeconds: "Breath tempo (seconds)",
    manualPacing: "I'll pace my breaths myself (tap or Space)",
    retentionTarget: "Retention target (seconds)",
    recoveryHold: "Recovery hold (seconds)",
    recoveryPause: "Pause between rounds (seconds)",
    moodBefore: "How do you feel right now?",
    moodAfter: "How do you feel now?",
    start: "Start",
    starting: "Starting…",
    tryInstead: (technique) => `Try ${technique} instead`,
    gateBlocked: "The Wim Hof method isn't available for you.",
    gateMessages: {
      contraindication:
        "Because of the health condition you told us about, the Wim Hof method isn't a safe choice. Coherent breathing gives a calm, steady rhythm instead.",
      discomfort:
        "You mentioned not feeling well. Deep Calm is gentler right now; the Wim Hof method can make dizziness or nausea worse.",
      new_to_breathing:
        "The Wim Hof method is intense. A few sessions of box breathing first make it easier and safer.",
    },
    safetyTitle: "Before you start",
    safetyLines: [
      "Never practise in or near water.",
      "Never practise while driving or anywhere fainting could hurt you.",
      "Sit or lie down somewhere comfortable.",
    ],
    safetyAcknowledge: "I have read this and will practise safely",
    phases: {
      inhale: "Breathe in",
      hold: "Hold",
      exhale: "Breathe out",
      hold_after: "Hold",
      breath: "Breathe deeply",
      retention: "Hold your breath",
      recovery_hold: "Breathe in and hold",
      recovery_pause: "Rest",
    },
    secondsLeft: (s) => `${s} s`,
    circleLabel: (phase, s) => `${phase}, ${s} seconds left`,
    cycleOf: (c, t) => `Cycle ${c} of ${t}`,
    roundOf: (r, t) => `Round ${r} of ${t}`,
    breathOf: (b, t) => `Breath ${b} of ${t}`,
    sessionLabel: (technique) => `${technique} session`,
    pause: "Pause",
    resume: "Resume",
    stop: "Stop",
    mute: "Mute sounds",
    ambient: "Ambient sound",
    soundSwitchFailed: "The sound setting could not be saved. Please try again.",
    paused: "Paused",
    soundOff: "Sound is off: no audio device",
    tapBreath: "Breath done",
    tapHint: "Tap or press Space after each full breath.",
    release: "Release",
    retentionTarget_: (target) => `Target ${target}`,
    recoveryHoldTitle: "Recovery breath",
    recoveryPauseTitle: "Rest before the next round",
    roundResults: "Results per round",
    roundResult: (r, time) => `Round ${r}: ${time}`,
    wellDone: "Well done",
    stoppedTitle: "Session ended early",
    duration: "Duration",
    cyclesCompleted: "Cycles completed",
    roundsCompleted: "Rounds completed",
    averageRetention: "Average retention",
    bestRetention: "Best retention",
    save: "Save and close",
    saving: "Saving…",
    savedTitle: "Session saved",
    again: "Breathe again",
    historyTitle: "Your sessions",
    historyEmpty: "No breathing sessions yet. Your finished sessions will appear here.",
    completed: "Completed",
    stopped: "Stopped early",
    deleteSession: (when) => `Delete session from ${when}`,
    deleteTitle: "Delete this session?",
    deleteText: "It will be removed from your history and statistics. This can't be undone.",
    delete: "Delete",
    showMore: "Show more",
    statsTitle: "Statistics",
    statsEmpty: "Statistics appear after your first session.",
    techniqueStats: (started, completed, duration) =>
      `${started} sessions · ${completed} completed · ${duration}`,
    wimHofStats: "Wim Hof retention",
    totalDuration: "Total time",
    monthly: "By month",
    monthlyRow: (sessions, duration) => `${sessions} sessions · ${duration}`,
    trendTitle: "Retention trend",
    trendEmpty: "Your Wim Hof retention times will be charted here.",
    trendLabel: (points, best) => `Best retention per day over ${points} days; best ${best}`,
  },
  progress: {
    title: "Progress",
    intro:
      "What you've done, and what seems to help you. Every bit counts, and there's no wrong pace.",
    empty:
      "Nothing here yet, and that's fine. When you breathe, meditate or write in your journal, your days will start to show here.",
    turnedOff: {
      streaks: "Streaks are turned off in Settings.",
      badges: "Badges are turned off in Settings.",
      both: "Streaks and badges are turned off in Settings.",
    },
    streakTitle: "Streak",
    streakDays: (days) => `${days} ${days === 1 ? "day" : "days"} in a row`,
    longest: (days) => `Longest: ${days} ${days === 1 ? "day" : "days"}`,
    activeToday: "You've done something for yourself today.",
    keepGoing: "One activity today keeps it going.",
    startStreak: "One activity today starts a new streak.",
    milestoneReached: (days) => `Milestone reached: ${days} days`,
    nextMilestone: (days, left) => `Next milestone: ${days} days (${left} to go)`,
    allMilestones: "You've reached every milestone.",
    milestoneLabel: "Towards the next milestone",
    weekTitle: "This week",
    weekLabel: "Weekly goal",
    weekProgress: (active, goal) => `${active} of ${goal} ${goal === 1 ? "day" : "days"}`,
    weekMet: "You've reached this week's goal. Well done.",
    weekDays: "Days this week",
    dayStatus: (day, active) => `${day}: ${active ? "active" : "no activity"}`,
    badgesTitle: "Badges",
    badges: {
      first_breath: { name: "First breath", description: "Complete a breathing exercise." },
      first_meditation: { name: "First meditation", description: "Complete a meditation." },
      first_journal: { name: "First entry", description: "Write a journal entry." },
      first_wim_hof: { name: "First Wim Hof", description: "Complete a Wim Hof session." },
      first_week: { name: "First week", description: "Do an activity 7 days in a row." },
      ten_breaths: {
        name: "Ten breathing sessions",
        description: "Complete 10 breathing exercises.",
      },
      ten_meditations: { name: "Ten meditations", description: "Complete 10 meditations." },
      ten_entries: { name: "Ten entries", description: "Write 10 journal entries." },
      month_streak: { name: "A month in a row", description: "Do an activity 30 days in a row." },
      series_completed: { name: "Series completed", description: "Finish a meditation series." },
    },
    earnedOn: (date) => `Earned ${date}`,
    badgeProgress: (progress, target) => `${progress}/${target}`,
    badgeProgressLabel: (name) => `Progress towards ${name}`,
    calendarTitle: "Calendar",
    previousMonth: "Previous month",
    nextMonth: "Next month",
    totalsTitle: "Completed activities",
    totals: {
      breathing: (count) => (count === 1 ? "breathing exercise" : "breathing exercises"),
      meditation: (count) => (count === 1 ? "meditation" : "meditations"),
      journaling: (count) => (count === 1 ? "journal entry" : "journal entries"),
    },
    helpsTitle: "What helps you",
    helpsIntro: "From how often you finish each activity and how your mood moves around it.",
    helpsEmpty:
      "After a few activities you'll see here what helps you most. Giving your mood before and after makes it more accurate.",
    recommended: "Recommended",
    score: (score) => `Score: ${score} of 100`,
    scoreLabel: (name) => `Score for ${name}`,
    completedOf: (completed, started) =>
      `Completed ${completed} of ${started} ${started === 1 ? "time" : "times"}`,
    improvedRecent: (improved, rated) =>
      rated === 1
        ? improved === 1
          ? "Improved your mood the one time you rated it"
          : "Didn't lift your mood the one time you rated it"
        : `Improved your mood ${improved} of the last ${rated} times`,
    noMoods: "Give your mood before and after to see whether it lifts it.",
  },
  wellness: {
    title: "Wellness profile",
    intro:
      "What Wbot has learned about you from your conversations, check-ins and sessions. It is kept on this device, goes to an online chat model only if you choose, and you can change or remove anything.",
    learning: "Learn from my conversations, check-ins and sessions",
    learningHint: "While it's off, what's here stays as it is and nothing new is learned.",
    paused: "Learning is paused, so nothing new will appear here until you turn it back on.",
    empty:
      "Nothing learned yet. As you talk, check in and practise, what Wbot notices will appear here.",
    groups: {
      topic: "Topics you come back to",
      trigger: "Often on hard days",
      baseline: "How you've been",
      helps: "What helps you",
      preference: "How you like to talk",
    },
    topics: {
      work: "Work",
      study: "Study",
      family: "Family",
      relationship: "Relationship",
      friends: "Friends",
      loneliness: "Loneliness",
      sleep: "Sleep",
      health: "Health",
      money: "Money",
      stress: "Stress",
      grief: "Grief",
      self_esteem: "Self-esteem",
    },
    preferences: {
      short_messages: "Short messages",
      long_messages: "Longer messages",
      mornings: "Talking in the morning",
      afternoons: "Talking in the afternoon",
      evenings: "Talking in the evening",
      nights: "Talking late at night",
    },
    mood: "Mood",
    values: {
      topic: (mentions) => (mentions === 1 ? "Mentioned once" : `Mentioned ${mentions} times`),
      trigger: (lowDays) => `On ${lowDays} low ${lowDays === 1 ? "day" : "days"}`,
      mood: (average) => `Average mood ${average} of 5`,
      emotion: (times) => (times === 1 ? "Felt once" : `Felt ${times} times`),
      helps: (score) => `Score ${score} of 100`,
      preference: (share) => `In ${share} of your messages`,
    },
    sources: {
      messages: (count) => (count === 1 ? "1 message" : `${count} messages`),
      journal: (count) =>
        count === 1 ? "1 shared journal entry" : `${count} shared journal entries`,
      checkins: (count) => (count === 1 ? "1 check-in" : `${count} check-ins`),
      sessions: (count) => (count === 1 ? "1 session" : `${count} sessions`),
      from: (list) => `From ${list}`,
    },
    yourNote: "Your note:",
    addNote: "Add note",
    editNote: "Edit note",
    addNoteLabel: (name) => `Add note to ${name}`,
    editNoteLabel: (name) => `Edit note on ${name}`,
    noteLabel: (name) => `Your note on ${name}`,
    noteCount: (count, max) => `${count} / ${max} characters`,
    save: "Save",
    saving: "Saving…",
    remove: "Remove",
    removeLabel: (name) => `Remove ${name}`,
    removeTitle: (name) => `Remove “${name}”?`,
    removeText: "Wbot will not learn it again unless you reset the profile.",
    reset: "Reset wellness profile",
    resetTitle: "Forget everything Wbot has learned?",
    resetText: "Your conversations, journal and sessions stay; learning starts again from now.",
    resetConfirm: "Reset",
  },
};
