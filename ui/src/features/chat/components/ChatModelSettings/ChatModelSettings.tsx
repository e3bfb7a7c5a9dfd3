import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { ProviderPreset, ProviderSettings } from "../../../../lib/backend";
import {
  useDeleteProvider,
  useProviderPresets,
  useProviders,
  useReorderProviders,
  useTestProvider,
} from "../../hooks/queries";
import { HelplineRegionSelect } from "../HelplineRegionSelect";
import { ProviderForm, type ProviderDraft } from "../ProviderForm";
import { RemoteDisclosure } from "../RemoteDisclosure";
import { RemoteSharingSettings } from "../RemoteSharingSettings";
import listStyles from "../../../../styles/listSection.module.css";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./ChatModelSettings.module.css";

const CUSTOM: ProviderDraft = {
  name: "",
  kind: "openAiCompatible",
  baseUrl: "",
  model: "",
  timeoutMs: 60000,
};

function fromPreset(preset: ProviderPreset): ProviderDraft {
  return {
    name: preset.name,
    kind: preset.kind,
    baseUrl: preset.baseUrl,
    model: preset.suggestedModel,
    timeoutMs: preset.timeoutMs,
  };
}

/**
 * Settings → Chat model: the providers in fallback order, adding and editing them, what online ones
 * receive (an online provider is used only once allowed, see RemoteDisclosure), and helplines. Needs a
 * SettingsProvider above it.
 */
export function ChatModelSettings({ profileId }: { profileId: string }) {
  const t = useT();
  const titleId = useId();
  const providers = useProviders(profileId);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState<ProviderDraft | null>(null);
  // The online provider whose disclosure is open.
  const [reviewing, setReviewing] = useState<ProviderSettings | null>(null);
  // Right after saving, an online provider not allowed yet shows what it would receive.
  const afterSave = (saved: ProviderSettings) => {
    if (saved.remote && !saved.allowed) setReviewing(saved);
  };

  return (
    <section className={sectionStyles.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={sectionStyles.title}>
        {t.chatSettings.title}
      </h2>
      <p className={sectionStyles.muted}>{t.chatSettings.intro}</p>
      {providers.isPending ? (
        <Loading />
      ) : providers.isError ? (
        <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />
      ) : providers.data.length === 0 ? (
        <p className={sectionStyles.muted}>{t.chatSettings.empty}</p>
      ) : (
        <ol className={listStyles.list}>
          {providers.data.map((provider, index) =>
            editing === provider.id ? (
              <li key={provider.id}>
                <ProviderForm
                  profileId={profileId}
                  initial={provider}
                  existing={provider}
                  onDone={(saved) => {
                    setEditing(null);
                    afterSave(saved);
                  }}
                  onCancel={() => {
                    setEditing(null);
                  }}
                />
              </li>
            ) : (
              <ProviderRow
                key={provider.id}
                profileId={profileId}
                provider={provider}
                order={providers.data.map((p) => p.id)}
                index={index}
                onEdit={() => {
                  setEditing(provider.id);
                }}
                onReview={() => {
                  setReviewing(provider);
                }}
              />
            ),
          )}
        </ol>
      )}
      {adding !== null ? (
        <ProviderForm
          key={JSON.stringify(adding)}
          profileId={profileId}
          initial={adding}
          onDone={(saved) => {
            setAdding(null);
            afterSave(saved);
          }}
          onCancel={() => {
            setAdding(null);
          }}
        />
      ) : (
        <AddProvider onAdd={setAdding} />
      )}
      <RemoteSharingSettings />
      <HelplineRegionSelect profileId={profileId} />
      {reviewing !== null ? (
        <RemoteDisclosure
          profileId={profileId}
          provider={reviewing}
          onClose={() => {
            setReviewing(null);
          }}
        />
      ) : null}
    </section>
  );
}

function AddProvider({ onAdd }: { onAdd: (draft: ProviderDraft) => void }) {
  const t = useT();
  const id = useId();
  const presets = useProviderPresets();
  const [choice, setChoice] = useState("custom");
  const presetList = presets.data ?? [];
  return (
    <div className={styles.add}>
      <h3 className={styles.subtitle}>{t.chatSettings.addTitle}</h3>
      <div className={styles.addRow}>
        <div className={sectionStyles.field}>
          <label htmlFor={id} className={sectionStyles.label}>
            {t.chatSettings.startFrom}
          </label>
          <select
            id={id}
            className={sectionStyles.compactControl}
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value);
            }}
          >
            <option value="custom">{t.chatSettings.custom}</option>
            {presetList.map((p) => (
              <option key={p.preset} value={p.preset}>
                {`${p.name} — ${p.local ? t.chatSettings.local : t.chatSettings.needsKey}`}
              </option>
            ))}
          </select>
        </div>
        <Button
          variant="primary"
          onClick={() => {
            const preset = presetList.find((p) => p.preset === choice);
            onAdd(preset === undefined ? CUSTOM : fromPreset(preset));
          }}
        >
          {t.chatSettings.add}
        </Button>
      </div>
      <InlineError error={presets.error} />
    </div>
  );
}

function ProviderRow({
  profileId,
  provider,
  order,
  index,
  onEdit,
  onReview,
}: {
  profileId: string;
  provider: ProviderSettings;
  order: string[];
  index: number;
  onEdit: () => void;
  /** Opens what this online provider would receive, to allow it. */
  onReview: () => void;
}) {
  const t = useT();
  const reorder = useReorderProviders(profileId);
  const test = useTestProvider(profileId);
  const remove = useDeleteProvider(profileId);
  const [confirming, setConfirming] = useState(false);
  const move = (by: -1 | 1) => {
    const next = [...order];
    const [moved] = next.splice(index, 1);
    if (moved === undefined) return;
    next.splice(index + by, 0, moved);
    reorder.mutate(next);
  };
  return (
    <li className={sectionStyles.card}>
      <div className={styles.rowHead}>
        <p className={styles.name}>
          <span className={styles.position}>{t.chatSettings.position(index + 1)}</span>{" "}
          {provider.name}
        </p>
        <p className={sectionStyles.muted}>
          {t.chatSettings.kinds[provider.kind]} · {provider.model} ·{" "}
          <span className={styles.url}>{provider.baseUrl}</span> ·{" "}
          {provider.hasKey ? t.chatSettings.keySaved : t.chatSettings.noKey}
        </p>
        {provider.remote ? (
          <p className={provider.allowed ? sectionStyles.muted : styles.notAllowed}>
            {provider.allowed ? t.chatSettings.remote.allowed : t.chatSettings.remote.notAllowed}
          </p>
        ) : null}
      </div>
      <div className={sectionStyles.actions}>
        {provider.remote && !provider.allowed ? (
          <Button
            variant="primary"
            aria-label={t.chatSettings.remote.reviewLabel(provider.name)}
            onClick={onReview}
          >
            {t.chatSettings.remote.review}
          </Button>
        ) : null}
        <Button
          variant="ghost"
          aria-label={t.chatSettings.moveUp(provider.name)}
          disabled={index === 0 || reorder.isPending}
          onClick={() => {
            move(-1);
          }}
        >
          ↑
        </Button>
        <Button
          variant="ghost"
          aria-label={t.chatSettings.moveDown(provider.name)}
          disabled={index === order.length - 1 || reorder.isPending}
          onClick={() => {
            move(1);
          }}
        >
          ↓
        </Button>
        <Button
          aria-label={t.chatSettings.testLabel(provider.name)}
          aria-busy={test.isPending}
          onClick={() => {
            if (!test.isPending) test.mutate(provider.id);
          }}
        >
          {test.isPending ? t.chatSettings.testing : t.chatSettings.test}
        </Button>
        <Button aria-label={t.chatSettings.editLabel(provider.name)} onClick={onEdit}>
          {t.chatSettings.edit}
        </Button>
        <Button
          variant="ghost"
          aria-label={t.chatSettings.deleteLabel(provider.name)}
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          {t.chatSettings.delete}
        </Button>
      </div>
      {test.isSuccess ? (
        <p role="status" className={styles.ok}>
          {t.chatSettings.testOk(Math.round(test.data.latencyMs), test.data.sample)}
        </p>
      ) : null}
      <InlineError error={test.error ?? reorder.error} />
      {confirming ? (
        <ConfirmDialog
          title={t.chatSettings.deleteTitle(provider.name)}
          description={t.chatSettings.deleteText}
          confirmLabel={t.chatSettings.delete}
          pending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            remove.mutate(provider.id, {
              onSuccess: () => {
                setConfirming(false);
              },
            });
          }}
        />
      ) : null}
    </li>
  );
}
