import { useCallback, useEffect, useState } from "react";
import { useBackend, type Progress } from "../../../lib/backend";

/**
 * The latest progress notice of a core job (`job`; of `profileId`, or of any profile when null), and a
 * way to forget it before the job runs again. Listens while mounted, so no notice sent just after a
 * command started is missed.
 */
export function useJobProgress(job: string, profileId: string | null) {
  const backend = useBackend();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(
    () =>
      backend.onCoreNotice((notice) => {
        if (notice.kind !== "progress" || notice.job !== job) return;
        if (profileId !== null && notice.profileId !== profileId) return;
        setProgress({
          job: notice.job,
          profileId: notice.profileId,
          done: notice.done,
          total: notice.total,
        });
      }),
    [backend, job, profileId],
  );
  const reset = useCallback(() => {
    setProgress(null);
  }, []);
  return { progress, reset };
}
