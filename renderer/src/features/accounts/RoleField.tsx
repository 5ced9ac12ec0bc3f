import { ROLE_DUTIES, ROLE_LABELS, ROLES, type Role } from '../../../../shared/domain/accounts';

/** The role picker, with what the chosen role may do said beside it. */
export function RoleField({ id, role, onChange }: { id: string; role: Role; onChange: (role: Role) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Role</label>
      <span className="hint" id={`${id}-hint`}>
        {ROLE_LABELS[role]}: {ROLE_DUTIES[role]}
      </span>
      <select id={id} aria-describedby={`${id}-hint`} value={role} onChange={(e) => onChange(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
    </div>
  );
}
