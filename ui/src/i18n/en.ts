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
import type { Section } from "../features/shell/sections";

type Question<T extends string> = { title: string; hint: string; options: Record<T, string> };

export interface Messages {
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
    settings: string;
    openMenu: string;
    closeMenu: string;
  };
  chat: {
    title: string;
    greeting: (name: string) => string;
    intro: string;
    quickActions: string;
    breathe: string;
    meditate: string;
    journal: string;
    starters: string;
    starterAnxious: string;
    starterUnwind: string;
    starterReflect: string;
    inputLabel: string;
    comingSoon: string;
    send: string;
  };
  comingSoon: { text: string };
  theme: { group: string; light: string; system: string; dark: string };
  settings: { title: string; language: string; languageHint: string };
  profiles: {
    switchProfile: string;
    yourProfiles: string;
    active: string;
    addProfile: string;
    deleteProfile: (name: string) => string;
    confirmTitle: (name: string) => string;
    confirmText: (name: string) => string;
    delete: string;
  };
}

export const en: Messages = {
  common: {
    loading: "Loading…",
    retry: "Try again",
    cancel: "Cancel",
    somethingWentWrong: "Something went wrong",
  },
  onboarding: {
    welcomeTitle: "Welcome to Wbot",
    welcomeText:
      "Let's get to know each other a little. A few questions help me support you in a way that fits. Everything you share stays on this device.",
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
      wellness: "Wellness",
      progress: "Progress",
    },
    newConversation: "New Conversation",
    history: "Conversation History",
    noConversations: "No conversations yet",
    settings: "Settings",
    openMenu: "Open menu",
    closeMenu: "Close menu",
  },
  chat: {
    title: "Companion",
    greeting: (name) => `Hi, ${name}`,
    intro: "How can I support you today?",
    quickActions: "Quick actions",
    breathe: "Breathe",
    meditate: "Meditate",
    journal: "Journal",
    starters: "Conversation starters",
    starterAnxious: "I'm feeling anxious",
    starterUnwind: "Help me unwind",
    starterReflect: "I want to reflect on my day",
    inputLabel: "Message",
    comingSoon: "The companion chat is coming soon.",
    send: "Send",
  },
  comingSoon: { text: "Coming soon — this part of Wbot isn't ready yet." },
  theme: {
    group: "Theme",
    light: "Light theme",
    system: "System theme",
    dark: "Dark theme",
  },
  settings: {
    title: "Settings",
    language: "Language",
    languageHint: "Used for everything Wbot shows you.",
  },
  profiles: {
    switchProfile: "Switch profile",
    yourProfiles: "Profiles on this device",
    active: "Active",
    addProfile: "Add profile",
    deleteProfile: (name) => `Delete ${name}`,
    confirmTitle: (name) => `Delete ${name}?`,
    confirmText: (name) =>
      `This removes ${name}'s profile and everything saved in it from this device. It can't be undone.`,
    delete: "Delete",
  },
};
