import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { RULE_FIELDS, RuleField, RuleRow } from "../../workbook/edit/rules-sheet";
import {
  YEARS_ENDS,
  YEARS_LABEL,
  type YearsCoveredView,
  type YearsEnd,
  yearCellText,
} from "../../workbook/edit/years-covered";
import type { StepProps } from "../session";
import { useLayout } from "./layout";

const useStyles = makeStyles({
  list: { gap: tokens.spacingVerticalM },
  service: {
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  facts: { margin: 0, display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalS },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: "anywhere" },
});

/** The fields shown on each service's card; the rest appear in the edit form. */
const IN_FORM_ONLY: readonly RuleField[] = ["gainShare", "host", "variancePolicy"];
const SHOWN: readonly RuleField[] = RULE_FIELDS.map((f) => f.field).filter((f) => !IN_FORM_ONLY.includes(f));

const headingOf = (field: RuleField): string => RULE_FIELDS.find((f) => f.field === field)?.heading ?? field;

/** Each service found and its rule as the Rules sheet has it; edits go back into that sheet. */
export function RulesStep({ session, actions }: StepProps): React.JSX.Element {
  const styles = useStyles();
  const layout = useLayout();
  const [editing, setEditing] = React.useState<RuleRow>();
  // The dialog is opened from a plain button, not a DialogTrigger: this marks the buttons so Fluent
  // gives focus back to the one that opened it when the dialog closes.
  const restoreFocus = useRestoreFocusTarget();
  const view = session.rules;
  if (!view) return <Text>Reading the workbook…</Text>;
  const rulesSheet = session.sheets.rules;

  return (
    <section className={layout.step} aria-labelledby="rules-heading">
      <Text as="h2" weight="semibold" size={400} id="rules-heading">
        Sharing rules
      </Text>
      {rulesSheet === undefined ? (
        <MessageBar intent="info">
          <MessageBarBody>
            There is no Rules sheet. Create one with a row for each of the {view.rows.length} services found on your
            Budget sheet, then fill in each rule here or on the sheet.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Text>
          From the sheet {rulesSheet}. Editing a rule here writes it to that sheet, which stays the record of what the
          partners agreed.
        </Text>
      )}
      {rulesSheet === undefined && view.rows.length > 0 && (
        <Button
          appearance="primary"
          disabled={session.busy !== undefined}
          onClick={() => void actions.createRulesSheet()}
        >
          Create a Rules sheet
        </Button>
      )}
      {view.notes.map((note, i) => (
        <MessageBar key={i} intent="warning">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      ))}
      {session.years && (
        <YearsCovered
          // A new read of the sheet (after a save, or a change in Excel) starts the fields afresh.
          key={YEARS_ENDS.map(
            (e) => `${yearCellText(session.years as YearsCoveredView, e)}=${session.years?.cells[e]?.text}`,
          ).join("|")}
          view={session.years}
          busy={session.busy !== undefined}
          onSave={async (typed) => (await actions.editYearsCovered(typed)).errors}
        />
      )}
      {view.rows.length === 0 && <Text>No services found yet: choose the Budget sheet on the Start step.</Text>}
      <ul className={mergeClasses(layout.list, styles.list)} aria-label="Services and their rules">
        {view.rows.map((row) => (
          <li key={row.service} className={mergeClasses(layout.stack, styles.service)}>
            <Text weight="semibold">{row.service}</Text>
            {row.row === undefined ? (
              <Text>No rule yet{rulesSheet ? ` on ${rulesSheet}` : ""}.</Text>
            ) : (
              <dl className={styles.facts}>
                {SHOWN.filter((f) => (row.cells[f]?.text ?? "") !== "").map((f) => (
                  <React.Fragment key={f}>
                    <dt className={styles.term}>{headingOf(f)}</dt>
                    <dd className={styles.value}>{row.cells[f]?.text}</dd>
                  </React.Fragment>
                ))}
              </dl>
            )}
            {rulesSheet !== undefined && (
              <Button
                size="small"
                {...restoreFocus}
                disabled={session.busy !== undefined}
                onClick={() => {
                  actions.dismissFailure(); // the form shows only its own save's failure
                  setEditing(row);
                }}
                aria-label={
                  row.row === undefined ? `Add a rule for ${row.service}` : `Edit the rule for ${row.service}`
                }
              >
                {row.row === undefined ? "Add a rule" : "Edit"}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {editing && (
        <RuleForm
          row={editing}
          sheet={rulesSheet ?? ""}
          failure={session.failure}
          onCancel={() => setEditing(undefined)}
          onSave={async (typed) => {
            const { saved, errors } = await actions.editRule(editing.service, typed);
            if (saved) setEditing(undefined);
            return errors;
          }}
        />
      )}
    </section>
  );
}

interface RuleFormProps {
  row: RuleRow;
  /** "" once the Rules sheet has gone: nothing can be saved. */
  sheet: string;
  /** Why the last save failed, shown in the form (the pane's own message is behind the dialog). */
  failure?: string;
  onCancel(): void;
  onSave(typed: Partial<Record<RuleField, string>>): Promise<Partial<Record<RuleField, string>>>;
}

function RuleForm({ row, sheet, failure, onCancel, onSave }: RuleFormProps): React.JSX.Element {
  const layout = useLayout();
  const initial = React.useMemo(
    () =>
      Object.fromEntries(RULE_FIELDS.map(({ field }) => [field, row.cells[field]?.text ?? ""])) as Record<
        RuleField,
        string
      >,
    [row],
  );
  const [typed, setTyped] = React.useState(initial);
  const [errors, setErrors] = React.useState<Partial<Record<RuleField, string>>>({});
  const [saving, setSaving] = React.useState(false);
  const changed = (Object.keys(typed) as RuleField[]).filter((f) => typed[f] !== initial[f]);

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setSaving(true);
            const result = await onSave(Object.fromEntries(changed.map((f) => [f, typed[f]])));
            setSaving(false);
            setErrors(result);
          }}
        >
          <DialogBody>
            <DialogTitle>{`Rule for ${row.service}`}</DialogTitle>
            <DialogContent className={layout.stack}>
              {failure && (
                <MessageBar intent="error">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              )}
              {sheet === "" ? (
                <Text>There is no Rules sheet to save to any more.</Text>
              ) : (
                <Text>Saved to {sheet}. Leave a field blank to use the default the template describes.</Text>
              )}
              {RULE_FIELDS.map(({ field, heading, hint }) => (
                <Field
                  key={field}
                  label={heading}
                  hint={hint}
                  validationState={errors[field] ? "error" : "none"}
                  validationMessage={errors[field]}
                >
                  <Input
                    value={typed[field]}
                    onChange={(_, data) => setTyped((t) => ({ ...t, [field]: data.value }))}
                  />
                </Field>
              ))}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onCancel}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={saving || changed.length === 0 || sheet === ""}>
                {saving ? "Saving…" : sheet === "" ? "Save" : `Save to ${sheet}`}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

const YEARS_HINT: Record<YearsEnd, string> = {
  first: "A financial year like 2011/12. Blank: from the earliest First year of the rules.",
  last: "A financial year like 2016/17. Blank: to the last year with a figure.",
};

interface YearsCoveredProps {
  view: YearsCoveredView;
  busy: boolean;
  onSave(typed: Partial<Record<YearsEnd, string>>): Promise<Partial<Record<YearsEnd, string>>>;
}

/**
 * The years covered (the MTFS years the Savings profile shows), from the settings cells above the
 * Rules headings: a field per end, saved into those cells (a label added where there is none and
 * room is safe) in one write; blank is the default.
 */
function YearsCovered({ view, busy, onSave }: YearsCoveredProps): React.JSX.Element {
  const layout = useLayout();
  const initial = React.useMemo(
    () => Object.fromEntries(YEARS_ENDS.map((end) => [end, view.cells[end]?.text ?? ""])) as Record<YearsEnd, string>,
    [view],
  );
  const [typed, setTyped] = React.useState(initial);
  const [errors, setErrors] = React.useState<Partial<Record<YearsEnd, string>>>({});
  const [saving, setSaving] = React.useState(false);
  const changed = YEARS_ENDS.filter((end) => typed[end].trim() !== initial[end].trim());
  const where = (end: YearsEnd): string => {
    const cell = yearCellText(view, end);
    if (view.cells[end] !== undefined) return ` In ${cell}.`;
    return cell === undefined ? "" : ` Not on the sheet yet: saving adds the label and the year at ${cell}.`;
  };
  return (
    <form
      className={layout.stack}
      aria-labelledby="years-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        setSaving(true);
        const result = await onSave(Object.fromEntries(changed.map((end) => [end, typed[end]])));
        setSaving(false);
        setErrors(result);
      }}
    >
      <Text as="h3" weight="semibold" id="years-heading">
        Years covered
      </Text>
      <Text>The MTFS years the Savings profile shows; years with a figure are always shown.</Text>
      {YEARS_ENDS.map((end) => (
        <Field
          key={end}
          label={YEARS_LABEL[end]}
          hint={`${YEARS_HINT[end]}${where(end)}`}
          validationState={errors[end] ? "error" : "none"}
          validationMessage={errors[end]}
        >
          <Input
            value={typed[end]}
            placeholder="default"
            disabled={view.cells[end] === undefined && view.addAt[end] === undefined}
            onChange={(_, data) => setTyped((t) => ({ ...t, [end]: data.value }))}
          />
        </Field>
      ))}
      {view.cannotAdd && (
        <MessageBar intent="info">
          <MessageBarBody>{view.cannotAdd}</MessageBarBody>
        </MessageBar>
      )}
      <Button type="submit" disabled={busy || saving || changed.length === 0}>
        {saving ? "Saving…" : `Save the years covered to ${view.sheet}`}
      </Button>
    </form>
  );
}
