import { useEffect, useState } from 'preact/hooks';
import type { StaffMember } from './api-types';
import { useDesk } from './desk-context';
import { seesAll } from './session';

/**
 * The active staff, for a supervisor choosing whom a complaint goes to (GET /staff). Empty for
 * an agent, who may not read it, and where core does not answer it.
 */
export function useStaff(): StaffMember[] {
  const { api, agent } = useDesk();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const wanted = seesAll(agent);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    api
      .staff()
      .then((list) => current && setStaff(list))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api, wanted]);
  return staff;
}
