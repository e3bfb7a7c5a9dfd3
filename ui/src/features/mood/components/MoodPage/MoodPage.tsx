import { useT } from "../../../../i18n";
import { CheckinForm } from "../CheckinForm";
import { CheckinHistory } from "../CheckinHistory";
import { MoodTrends } from "../MoodTrends";
import styles from "./MoodPage.module.css";

export interface MoodPageProps {
  profileId: string;
  locale: string;
}

/** The Mood section: a standalone check-in, the trends, and the recent check-ins. */
export function MoodPage({ profileId, locale }: MoodPageProps) {
  const t = useT();
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>{t.mood.title}</h1>
        <p className={styles.muted}>{t.mood.intro}</p>
      </header>
      <CheckinForm profileId={profileId} locale={locale} />
      <MoodTrends profileId={profileId} locale={locale} />
      <CheckinHistory profileId={profileId} locale={locale} />
    </div>
  );
}
