/** Helpers for the pages' state kept in the URL's query string (`useUrlState`). */
import { useCallback, type Dispatch, type SetStateAction } from 'react';

/**
 * A setter for one part of a page's URL state (its query, its open record…). The state object is kept
 * as it is when that part does not change, so that nothing re-renders or rewrites the URL for nothing.
 */
export function usePartSetter<State, Key extends keyof State>(
  setState: Dispatch<SetStateAction<State>>,
  key: Key,
): (update: SetStateAction<State[Key]>) => void {
  return useCallback(
    (update: SetStateAction<State[Key]>) =>
      setState((state) => {
        const next =
          typeof update === 'function' ? (update as (previous: State[Key]) => State[Key])(state[key]) : update;
        return next === state[key] ? state : { ...state, [key]: next };
      }),
    [setState, key],
  );
}
