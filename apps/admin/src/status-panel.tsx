// The system status panel: the API and its database as the API reports them through the same origin.
import { useCallback, useEffect, useState } from "react";
import { Bilingual } from "./bilingual";
import { describeHealth, fetchHealth, type HealthState } from "./health";

export function StatusPanel() {
  const [state, setState] = useState<HealthState>({ kind: "loading" });

  const refresh = useCallback((signal?: AbortSignal) => {
    setState({ kind: "loading" });
    void fetchHealth(fetch, signal).then((next) => {
      if (!signal?.aborted) setState(next);
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    refresh(controller.signal);
    return () => controller.abort();
  }, [refresh]);

  return (
    <section className="panel" aria-labelledby="status-title" aria-busy={state.kind === "loading"}>
      <h2 id="status-title">
        <Bilingual text={{ vi: "Trạng thái hệ thống", en: "System status" }} />
      </h2>
      {state.kind === "loading" && (
        <p className="status status-pending" role="status">
          <Bilingual text={{ vi: "Đang kiểm tra…", en: "Checking…" }} />
        </p>
      )}
      {state.kind === "answered" && <Answered state={state} />}
      {state.kind === "unreachable" && (
        <div className="status status-bad" role="alert" data-testid="status-error">
          <Bilingual text={state.reason} as="p" />
          <button type="button" onClick={() => refresh()}>
            <Bilingual text={{ vi: "Thử lại", en: "Try again" }} />
          </button>
        </div>
      )}
    </section>
  );
}

function Answered({ state }: { state: Extract<HealthState, { kind: "answered" }> }) {
  const lines = describeHealth(state.health);
  const apiOk = state.health.status === "ok";
  const databaseOk = state.health.database.ok;
  return (
    <ul className="status-list" data-testid="status">
      <li className={apiOk ? "status status-good" : "status status-bad"} data-testid="status-api">
        <Bilingual text={lines.api} />
      </li>
      <li className={databaseOk ? "status status-good" : "status status-bad"} data-testid="status-database">
        <Bilingual text={lines.database} />
      </li>
    </ul>
  );
}
