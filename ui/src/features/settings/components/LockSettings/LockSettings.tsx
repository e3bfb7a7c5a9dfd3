import { useId, useState, type SubmitEvent } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { toBackendError, type Profile } from "../../../../lib/backend";
import {
  useActiveProfile,
  useLockProfile,
  useRemoveProfilePin,
  useSetProfilePin,
} from "../../../../lib/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./LockSettings.module.css";

type Done = "set" | "changed" | "removed";

/**
 * Settings → Profile lock (ADR 0016): a PIN set, changed or removed (the current one is needed to
 * change or remove it), and the profile locked now. A PIN keeps other people on the device out of
 * the profile in Wbot; it does not encrypt anything.
 */
export function LockSettings({ profileId }: { profileId: string }) {
  const t = useT();
  const copy = t.settings.lock;
  const titleId = useId();
  const hintId = useId();
  // Settings are always the active profile's, which the app has already loaded.
  const active = useActiveProfile();
  const profile = active.data?.id === profileId ? active.data : undefined;
  // Kept here: setting a PIN swaps the form for those of a profile with one.
  const [done, setDone] = useState<Done | null>(null);
  const edit = () => {
    setDone(null);
  };
  const doneText = { set: copy.pinSet, changed: copy.pinChanged, removed: copy.pinRemoved };

  return (
    <section className={sectionStyles.section} aria-labelledby={titleId} aria-describedby={hintId}>
      <h2 id={titleId} className={sectionStyles.title}>
        {copy.title}
      </h2>
      <p id={hintId} className={sectionStyles.muted}>
        {copy.hint}
      </p>
      <p role="status" className={sectionStyles.done}>
        {done === null ? "" : doneText[done]}
      </p>
      {profile === undefined ? null : profile.hasPin ? (
        <>
          <NewPinForm key="change" profile={profile} onDone={setDone} onEdit={edit} />
          <RemovePinForm profileId={profile.id} onDone={setDone} onEdit={edit} />
          <LockNow profileId={profile.id} />
        </>
      ) : (
        <NewPinForm key="set" profile={profile} onDone={setDone} onEdit={edit} />
      )}
    </section>
  );
}

interface FormProps {
  onDone: (done: Done) => void;
  /** A field changed: the last confirmation no longer applies. */
  onEdit: () => void;
}

/** A PIN field: digits, hidden as typed, never filled in by the browser. */
function PinField({
  id,
  label,
  value,
  errorId,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  /** The error it is about, when there is one. */
  errorId: string | null;
  onChange: (value: string) => void;
}) {
  return (
    <div className={sectionStyles.field}>
      <label htmlFor={id} className={sectionStyles.label}>
        {label}
      </label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        className={`${sectionStyles.textInput} ${styles.input}`}
        value={value}
        aria-invalid={errorId !== null || undefined}
        aria-describedby={errorId ?? undefined}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </div>
  );
}

type PinFieldName = "current" | "next" | "repeat";

/** Which field a refusal of the core is about: the new PIN's form, or the PIN given as current. */
function fieldOf(error: Error | null): PinFieldName | null {
  if (error === null) return null;
  const { reason } = toBackendError(error);
  if (reason === "invalid_format") return "next";
  if (reason === "wrong_pin" || reason === "too_many_attempts") return "current";
  return null;
}

/** Sets a first PIN, or (for a profile with one) changes it given the current one. */
function NewPinForm({ profile, onDone, onEdit }: FormProps & { profile: Profile }) {
  const t = useT();
  const copy = t.settings.lock;
  const ids = useId();
  const errorId = `${ids}-error`;
  const change = profile.hasPin;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [notSame, setNotSame] = useState(false);
  const setPin = useSetProfilePin();

  const invalid: PinFieldName | null = notSame ? "repeat" : fieldOf(setPin.error);
  const errorOf = (field: PinFieldName) => (invalid === field ? errorId : null);
  const edited = (set: (value: string) => void) => (value: string) => {
    set(value);
    setNotSame(false);
    if (!setPin.isPending) setPin.reset();
    onEdit();
  };

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (setPin.isPending) return;
    // Checked here: the core only ever sees the PIN once.
    if (next !== repeat) {
      setPin.reset();
      setNotSame(true);
      return;
    }
    // Awaited rather than an `onSuccess` of this call: the saved PIN swaps this form for another one,
    // and a form already gone would never hear of its own success.
    setPin
      .mutateAsync({ profileId: profile.id, pin: next, currentPin: change ? current : null })
      .then(
        () => {
          setCurrent("");
          setNext("");
          setRepeat("");
          onDone(change ? "changed" : "set");
        },
        // Shown from the mutation's state.
        () => {},
      );
  }

  const error = notSame ? copy.notSame : setPin.error;
  return (
    <form className={sectionStyles.part} onSubmit={onSubmit} noValidate>
      {change ? (
        <PinField
          id={`${ids}-current`}
          label={copy.currentPin}
          value={current}
          errorId={errorOf("current")}
          onChange={edited(setCurrent)}
        />
      ) : null}
      <PinField
        id={`${ids}-new`}
        label={copy.newPin}
        value={next}
        errorId={errorOf("next")}
        onChange={edited(setNext)}
      />
      <PinField
        id={`${ids}-repeat`}
        label={copy.repeatPin}
        value={repeat}
        errorId={errorOf("repeat")}
        onChange={edited(setRepeat)}
      />
      <div className={sectionStyles.row}>
        <Button
          type="submit"
          variant="primary"
          disabled={setPin.isPending || (change && current === "")}
        >
          {change ? copy.changePin : copy.setPin}
        </Button>
      </div>
      {error === null ? null : (
        <div id={errorId}>
          <InlineError error={error} />
        </div>
      )}
    </form>
  );
}

/** Takes the PIN off, given it. */
function RemovePinForm({ profileId, onDone, onEdit }: FormProps & { profileId: string }) {
  const t = useT();
  const copy = t.settings.lock;
  const ids = useId();
  const hintId = `${ids}-hint`;
  const errorId = `${ids}-error`;
  const [current, setCurrent] = useState("");
  const remove = useRemoveProfilePin();

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (remove.isPending || current === "") return;
    // Awaited, as in `NewPinForm`: once removed, this form is gone.
    remove.mutateAsync({ profileId, currentPin: current }).then(
      () => {
        setCurrent("");
        onDone("removed");
      },
      () => {},
    );
  }

  return (
    <form className={sectionStyles.part} onSubmit={onSubmit} aria-describedby={hintId} noValidate>
      <p id={hintId} className={sectionStyles.muted}>
        {copy.removeHint}
      </p>
      <PinField
        id={`${ids}-current`}
        label={copy.removeCurrentPin}
        value={current}
        errorId={remove.isError ? errorId : null}
        onChange={(value) => {
          setCurrent(value);
          if (!remove.isPending) remove.reset();
          onEdit();
        }}
      />
      <div className={sectionStyles.row}>
        <Button type="submit" disabled={remove.isPending || current === ""}>
          {copy.removePin}
        </Button>
      </div>
      {remove.isError ? (
        <div id={errorId}>
          <InlineError error={remove.error} />
        </div>
      ) : null}
    </form>
  );
}

/** Locks the profile now: the app turns to the lock screen until the PIN is given again. */
function LockNow({ profileId }: { profileId: string }) {
  const t = useT();
  const copy = t.settings.lock;
  const hintId = useId();
  const lock = useLockProfile();

  return (
    <div className={sectionStyles.part}>
      <p id={hintId} className={sectionStyles.muted}>
        {copy.lockHint}
      </p>
      <div className={sectionStyles.row}>
        <Button
          aria-describedby={hintId}
          disabled={lock.isPending}
          onClick={() => {
            lock.mutate(profileId);
          }}
        >
          {copy.lockNow}
        </Button>
      </div>
      <InlineError error={lock.error} />
    </div>
  );
}
