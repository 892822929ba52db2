/** The signed-in member, his role's rules and the CASL ability built from them, for every React root. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { defineAbility, type AppAbility, type MeResponse } from '@digiweb/api/contracts';

export interface SessionValue {
  me: MeResponse;
  ability: AppAbility;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ me, children }: { me: MeResponse; children: ReactNode }) {
  const value = useMemo<SessionValue>(
    () => ({ me, ability: defineAbility({ rules: me.rules }, { id: me.user.id, teamMemberIds: me.teamMemberIds }) }),
    [me],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** Same rules as the API: hides what the caller may not do (the API still enforces it). */
export function useAbility(): AppAbility {
  return useSession().ability;
}
