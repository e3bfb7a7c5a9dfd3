import { useT } from "../../../../i18n";
import { CheckinForm } from "../CheckinForm";
import { CheckinHistory } from "../CheckinHistory";
import { MoodTrends } from "../MoodTrends";
import pageStyles from "../../../../styles/page.module.css";

export interface MoodPageProps {
  profileId: string;
  locale: string;
}

/** The Mood section: a standalone check-in, the trends, and the recent check-ins. */
export function MoodPage({ profileId, locale }: MoodPageProps) {
  const t = useT();
  return (
    <div className={pageStyles.page}>
      <header className={pageStyles.header}>
        <h1 className={pageStyles.title}>{t.mood.title}</h1>
        <p className={pageStyles.muted}>{t.mood.intro}</p>
      </header>
      <CheckinForm profileId={profileId} locale={locale} />
      <MoodTrends profileId={profileId} locale={locale} />
      <CheckinHistory profileId={profileId} locale={locale} />
    </div>
  );
}
