import {
  BackendError,
  type WellnessItem,
  type WellnessKind,
  type WellnessProfile,
} from "../lib/backend";
import { MAX_NOTE_CHARS, WELLNESS_KINDS } from "../features/wellness/codes";
import { isId } from "./validation";

/** An item as a test seeds it: its kind and code, the rest as a new item has it unless given. */
export type SeedWellnessItem = Pick<WellnessItem, "kind" | "code"> &
  Partial<Omit<WellnessItem, "kind" | "code">>;

interface Stored {
  profileId: string;
  item: WellnessItem;
  /** Removed by the person: kept (so learning would not bring it back) but never shown. */
  hidden: boolean;
}

/** The core's order: by kind as the page groups them, then strongest first, then by code. */
function byKindThenValue(a: WellnessItem, b: WellnessItem) {
  const rank = (kind: WellnessKind) => WELLNESS_KINDS.indexOf(kind);
  return (
    rank(a.kind) - rank(b.kind) || (b.value ?? 0) - (a.value ?? 0) || a.code.localeCompare(b.code)
  );
}

/**
 * Wellness profiles for the fake backend, with the core's rules for what the person does to them. The
 * fake learns nothing: tests seed what was learned with `seed`.
 */
export class FakeWellness {
  /** Every profile's items, hidden ones included. */
  readonly items: Stored[] = [];
  /** Profiles whose learning is paused (it is on unless turned off). */
  readonly paused = new Set<string>();

  /** `requireProfile` throws the core's not_found for an unknown profile. */
  constructor(private readonly requireProfile: (profileId: string) => unknown) {}

  /** Adds learned items to a profile (test set-up); returns them as the core would show them. */
  seed(profileId: string, items: SeedWellnessItem[]): WellnessItem[] {
    return items.map((seed) => {
      const item: WellnessItem = {
        id: crypto.randomUUID(),
        value: null,
        sources: { messages: 0, journal: 0, checkins: 0, sessions: 0 },
        note: "",
        updatedAt: new Date().toISOString(),
        ...seed,
      };
      this.items.push({ profileId, item, hidden: false });
      return this.copy(item);
    });
  }

  /** The visible items of a profile, in the core's order, and whether it is learning. */
  profile(profileId: string): WellnessProfile {
    this.requireProfile(profileId);
    return {
      learning: !this.paused.has(profileId),
      items: this.visible(profileId)
        .map((s) => this.copy(s.item))
        .sort(byKindThenValue),
    };
  }

  /** Removes an item for good (its note too), as the core does. */
  remove(profileId: string, itemId: string) {
    this.checkId(itemId);
    this.requireProfile(profileId);
    const stored = this.find(profileId, itemId);
    stored.hidden = true;
    stored.item.note = "";
    stored.item.updatedAt = new Date().toISOString();
  }

  /** Sets the note, trimmed; its length and characters are checked before the profile, as in the core. */
  setNote(profileId: string, itemId: string, raw: string): WellnessItem {
    this.checkId(itemId);
    const note = raw.trim();
    const chars = Array.from(note).length;
    if (chars > MAX_NOTE_CHARS) {
      throw new BackendError("validation", "too_long", {
        subject: "wellness_note",
        max: MAX_NOTE_CHARS,
        actual: chars,
      });
    }
    if (note.includes("\0")) {
      throw new BackendError("validation", "invalid_characters", { subject: "wellness_note" });
    }
    this.requireProfile(profileId);
    const stored = this.find(profileId, itemId);
    stored.item.note = note;
    stored.item.updatedAt = new Date().toISOString();
    return this.copy(stored.item);
  }

  setLearning(profileId: string, on: boolean) {
    this.requireProfile(profileId);
    if (on) this.paused.delete(profileId);
    else this.paused.add(profileId);
  }

  /** Forgets every item of the profile, removed ones and notes included. */
  reset(profileId: string) {
    this.requireProfile(profileId);
    for (let i = this.items.length - 1; i >= 0; i--) {
      if (this.items[i]?.profileId === profileId) this.items.splice(i, 1);
    }
  }

  private visible(profileId: string): Stored[] {
    return this.items.filter((s) => s.profileId === profileId && !s.hidden);
  }

  /** The shell reads an item id before anything else: not a UUID is invalid_format. */
  private checkId(itemId: string) {
    if (!isId(itemId)) {
      throw new BackendError("validation", "invalid_format", {
        subject: "wellness_item",
        value: itemId,
      });
    }
  }

  /** A visible item of the profile (the core compares ids in lower case). */
  private find(profileId: string, itemId: string): Stored {
    const id = itemId.trim().toLowerCase();
    const stored = this.visible(profileId).find((s) => s.item.id === id);
    if (stored === undefined) {
      throw new BackendError("not_found", "not_found", { subject: "wellness_item", value: itemId });
    }
    return stored;
  }

  private copy(item: WellnessItem): WellnessItem {
    return { ...item, sources: { ...item.sources } };
  }
}
