// The core's constants for the fakes (provider presets, breathing techniques, helplines, limits), exported
// from Rust: crates/wbot-core/tests/it/ui_fixtures.rs fails when core-fixtures.json differs from the core.
import raw from "./core-fixtures.json";
import type { Helpline, ProviderPreset, TechniqueInfo } from "../lib/backend";

export const CORE = {
  providerPresets: raw.providerPresets as ProviderPreset[],
  techniques: raw.techniques as TechniqueInfo[],
  /** By region; "" holds the lines every other region gets. */
  helplines: raw.helplines as Record<string, Helpline[]>,
  limits: raw.limits,
};
