import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";

export interface ProposalActionsProps {
  /** Start is on its way (the choice is being saved or the session is starting). */
  busy: boolean;
  onStart: () => void;
  /** Opens the card's editor; absent while it is open. */
  onChange?: () => void;
  onNotNow: () => void;
}

/** An activity card's Start, Change and Not now, the same on every card. */
export function ProposalActions({ busy, onStart, onChange, onNotNow }: ProposalActionsProps) {
  const t = useT();
  return (
    <>
      <Button variant="primary" aria-busy={busy} onClick={onStart}>
        {t.chat.start}
      </Button>
      {onChange !== undefined ? <Button onClick={onChange}>{t.chat.change}</Button> : null}
      <Button variant="ghost" onClick={onNotNow}>
        {t.chat.notNow}
      </Button>
    </>
  );
}
