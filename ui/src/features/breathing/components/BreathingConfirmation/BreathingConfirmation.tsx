import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type {
  Pattern,
  SessionConfig,
  StartBreathing,
  Technique,
  TechniqueInfo,
  WimHofSettings,
} from "../../../../lib/backend";
import { useAcknowledgeWimHofNotice, useTechniques, useWimHofGate } from "../../hooks/queries";
import { MoodPicker } from "../../../../components/MoodPicker";
import styles from "./BreathingConfirmation.module.css";

/** What a companion proposes (from chat): a technique, maybe a custom pattern, and why. */
export interface BreathingProposal {
  technique: Technique;
  /** Only for `custom`. */
  pattern?: Pattern;
  /** Shown above the picker, e.g. the companion's reason. */
  reason?: string;
}

export interface BreathingConfirmationProps {
  profileId: string;
  proposal?: BreathingProposal;
  /** The latest chat message, for the Wim Hof gate's discomfort check. */
  latestMessage?: string | null;
  starting?: boolean;
  error?: Error | null;
  onStart: (input: StartBreathing) => void;
  onCancel?: () => void;
}

type PatternFields = Record<keyof Pattern, string>;
type WimFields = Record<Exclude<keyof WimHofSettings, "manualPacing">, string>;

const PATTERN_KEYS = ["inhaleS", "holdS", "exhaleS", "holdAfterS", "cycles"] as const;
const WIM_KEYS = [
  "rounds",
  "breaths",
  "tempoS",
  "retentionTargetS",
  "recoveryHoldS",
  "recoveryPauseS",
] as const;

function toFields<K extends string>(keys: readonly K[], values: Partial<Record<K, number | null>>) {
  return Object.fromEntries(keys.map((k) => [k, String(values[k] ?? "")])) as Record<K, string>;
}

function toNumbers<K extends string>(keys: readonly K[], fields: Record<K, string>) {
  // An empty or non-numeric field goes to the backend as NaN -> null, and comes back as a
  // validation error naming the field.
  return Object.fromEntries(keys.map((k) => [k, Number(fields[k])])) as Record<K, number>;
}

function buildConfig(
  technique: Technique,
  pattern: PatternFields,
  wim: WimFields,
  manual: boolean,
): SessionConfig {
  switch (technique) {
    case "custom":
      return { technique, ...toNumbers(PATTERN_KEYS, pattern) };
    case "wim_hof":
      return { technique, ...toNumbers(WIM_KEYS, wim), manualPacing: manual };
    default:
      return { technique };
  }
}

/** Choose a technique (presets, a custom pattern, Wim Hof with its safety gate), a mood, and start. */
export function BreathingConfirmation(props: BreathingConfirmationProps) {
  const techniques = useTechniques();
  if (techniques.isPending) return <Loading />;
  if (techniques.isError) {
    return <ErrorState error={techniques.error} onRetry={() => void techniques.refetch()} />;
  }
  return <ConfirmationForm {...props} techniques={techniques.data} />;
}

function ConfirmationForm({
  profileId,
  proposal,
  latestMessage = null,
  starting = false,
  error = null,
  onStart,
  onCancel,
  techniques,
}: BreathingConfirmationProps & { techniques: TechniqueInfo[] }) {
  const t = useT();
  const id = useId();
  const [technique, setTechnique] = useState<Technique>(proposal?.technique ?? "box");
  const customDefaults = techniques.find((x) => x.technique === "custom")?.pattern ?? null;
  const wimDefaults = techniques.find((x) => x.technique === "wim_hof")?.wimHof ?? null;
  const [pattern, setPattern] = useState<PatternFields>(() =>
    toFields(PATTERN_KEYS, proposal?.pattern ?? customDefaults ?? {}),
  );
  const [wim, setWim] = useState<WimFields>(() => toFields(WIM_KEYS, wimDefaults ?? {}));
  const [manual, setManual] = useState(wimDefaults?.manualPacing ?? false);
  const [mood, setMood] = useState<number | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const isWimHof = technique === "wim_hof";
  const gate = useWimHofGate(profileId, isWimHof, latestMessage);
  const acknowledge = useAcknowledgeWimHofNotice(profileId);

  const gateReady = !isWimHof || gate.isSuccess;
  const blocked = isWimHof && gate.data !== undefined && !gate.data.allowed;
  const needsAck = isWimHof && gate.data?.showSafetyNotice === true;
  const canStart = gateReady && !blocked && (!needsAck || acknowledged) && !starting;

  const submit = async () => {
    if (!canStart) return;
    if (needsAck) await acknowledge.mutateAsync();
    onStart({ config: buildConfig(technique, pattern, wim, manual), moodBefore: mood });
  };

  const numberField = (
    label: string,
    value: string,
    onChange: (v: string) => void,
    key: string,
    step = "1",
  ) => (
    <div className={styles.field} key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        inputMode="decimal"
        step={step}
        min={0}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </div>
  );

  const patternLabels: Record<keyof Pattern, string> = {
    inhaleS: t.breathing.inhaleSeconds,
    holdS: t.breathing.holdSeconds,
    exhaleS: t.breathing.exhaleSeconds,
    holdAfterS: t.breathing.holdAfterSeconds,
    cycles: t.breathing.cycles,
  };
  const wimLabels: Record<keyof WimFields, string> = {
    rounds: t.breathing.rounds,
    breaths: t.breathing.breathsPerRound,
    tempoS: t.breathing.tempoSeconds,
    retentionTargetS: t.breathing.retentionTarget,
    recoveryHoldS: t.breathing.recoveryHold,
    recoveryPauseS: t.breathing.recoveryPause,
  };

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {proposal?.reason !== undefined ? <p className={styles.reason}>{proposal.reason}</p> : null}
      <fieldset className={styles.techniques}>
        <legend className={styles.legend}>{t.breathing.chooseTechnique}</legend>
        {techniques.map((info) => (
          <label
            key={info.technique}
            className={styles.technique}
            aria-label={t.breathing.techniques[info.technique]}
          >
            <input
              type="radio"
              name={`${id}-technique`}
              value={info.technique}
              checked={technique === info.technique}
              onChange={() => {
                setTechnique(info.technique);
              }}
            />
            <span className={styles.techniqueText}>
              <span className={styles.techniqueName}>{t.breathing.techniques[info.technique]}</span>
              <span className={styles.techniqueHint}>
                {info.pattern !== null && info.technique !== "custom"
                  ? t.breathing.patternSummary(
                      info.pattern.inhaleS ?? 0,
                      info.pattern.holdS ?? 0,
                      info.pattern.exhaleS ?? 0,
                      info.pattern.holdAfterS ?? 0,
                      info.pattern.cycles,
                    )
                  : t.breathing.techniqueHints[info.technique]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      {technique === "custom" ? (
        <fieldset className={styles.fields}>
          <legend className={styles.legend}>{t.breathing.customPattern}</legend>
          {PATTERN_KEYS.map((key) =>
            numberField(
              patternLabels[key],
              pattern[key],
              (v) => {
                setPattern({ ...pattern, [key]: v });
              },
              key,
              key === "cycles" ? "1" : "0.5",
            ),
          )}
        </fieldset>
      ) : null}

      {isWimHof ? (
        <>
          {gate.isPending ? <Loading /> : null}
          {gate.isError ? <InlineError error={gate.error} /> : null}
          {gate.data?.reason != null ? (
            <div className={styles.gate} role={blocked ? "alert" : "note"}>
              {blocked ? <p className={styles.gateTitle}>{t.breathing.gateBlocked}</p> : null}
              <p>{t.breathing.gateMessages[gate.data.reason]}</p>
              {gate.data.suggestedTechnique !== null ? (
                <Button
                  onClick={() => {
                    if (gate.data?.suggestedTechnique != null)
                      setTechnique(gate.data.suggestedTechnique);
                  }}
                >
                  {t.breathing.tryInstead(t.breathing.techniques[gate.data.suggestedTechnique])}
                </Button>
              ) : null}
            </div>
          ) : null}
          {needsAck ? (
            <section className={styles.notice} aria-labelledby={`${id}-safety`}>
              <h2 id={`${id}-safety`} className={styles.noticeTitle}>
                {t.breathing.safetyTitle}
              </h2>
              <ul>
                {t.breathing.safetyLines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <label className={styles.check}>
                <input
                  type="checkbox"
                  checked={acknowledged}
                  onChange={(e) => {
                    setAcknowledged(e.target.checked);
                  }}
                />
                {t.breathing.safetyAcknowledge}
              </label>
            </section>
          ) : null}
          {!blocked ? (
            <fieldset className={styles.fields}>
              <legend className={styles.legend}>{t.breathing.wimHofSettings}</legend>
              <label className={styles.check}>
                <input
                  type="checkbox"
                  checked={manual}
                  onChange={(e) => {
                    setManual(e.target.checked);
                  }}
                />
                {t.breathing.manualPacing}
              </label>
              {WIM_KEYS.filter((key) => !(manual && key === "tempoS")).map((key) =>
                numberField(
                  wimLabels[key],
                  wim[key],
                  (v) => {
                    setWim({ ...wim, [key]: v });
                  },
                  key,
                  key === "tempoS" ? "0.1" : "1",
                ),
              )}
            </fieldset>
          ) : null}
        </>
      ) : null}

      <MoodPicker legend={t.breathing.moodBefore} value={mood} onChange={setMood} />
      <InlineError error={error ?? acknowledge.error} />
      <div className={styles.actions}>
        {onCancel !== undefined ? <Button onClick={onCancel}>{t.common.cancel}</Button> : null}
        <Button type="submit" variant="primary" disabled={!canStart} aria-busy={starting}>
          {starting ? t.breathing.starting : t.breathing.start}
        </Button>
      </div>
    </form>
  );
}
