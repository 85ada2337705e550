import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Dropdown,
  Field,
  Option,
  Text,
} from "@fluentui/react-components";
import { sampleSheets } from "../../sample/sample";
import type { Role } from "../../workbook/read";
import { ROLE_NAMES } from "../../workbook/read/sheets";
import type { StepProps } from "../session";
import { useLayout } from "./layout";

const ROLES: readonly { role: Role; required: boolean; what: string }[] = [
  { role: "budget", required: true, what: "each partner's stand-alone budget by service" },
  { role: "rules", required: true, what: "how each service is shared" },
  { role: "fte", required: false, what: "staff by partner and service, for the FTE basis" },
  { role: "drivers", required: false, what: "demand and other measures, for those bases" },
  { role: "tracker", required: false, what: "savings achieved, for the Realisation sheet" },
  { role: "variances", required: false, what: "in-year variances by cause, for the Variance shares sheet" },
  { role: "costs", required: false, what: "a service's cost as lines, each borne by the partners it names (TUPE)" },
  {
    role: "compatibility",
    required: false,
    what: "candidate services scored red, amber or green on the eleven criteria, for the Assessment sheet",
  },
];

const NONE = "(none)";
const AUTO = "(automatic)";

/** Which sheet is which, and which column holds each field; or the sample data for a first try. */
export function StartStep({ session, actions }: StepProps): React.JSX.Element {
  const layout = useLayout();
  const survey = session.survey;
  if (!survey) return <Text>Reading the workbook…</Text>;
  const userSheets = survey.sheets.filter((s) => !s.owned).map((s) => s.name);
  const sampleNames = sampleSheets().map((s) => s.name);
  const clashes = sampleNames.filter((n) => survey.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase()));
  const hasData = survey.sheets.some((s) => !s.owned && s.dataRows > 0);

  // With no Budget sheet yet, the sample is the first thing to offer.
  const startWithSample = session.sheets.budget === undefined && clashes.length === 0;
  const sample = (
    <>
      {clashes.length === 0 ? (
        <>
          <Text as="h2" weight="semibold" size={400}>
            New to the add-in?
          </Text>
          <Text>
            Add sample sheets ({sampleNames.join(", ")}) with the Tri-borough figures, then follow the steps to see what
            the add-in writes.
          </Text>
          <Button
            appearance={hasData ? "secondary" : "primary"}
            disabled={session.busy !== undefined}
            onClick={() => void actions.addSample()}
          >
            Try it with sample data
          </Button>
        </>
      ) : (
        <Caption1>
          The sample data goes in a workbook with no {clashes.join(", ")} sheet: open a blank workbook to try it.
        </Caption1>
      )}
    </>
  );

  return (
    <section className={layout.step} aria-labelledby="start-heading">
      {startWithSample && sample}
      <Text as="h2" weight="semibold" size={400} id="start-heading">
        Your sheets
      </Text>
      <Text>
        The add-in reads your budget and staffing sheets and the partnership&apos;s rules. Check it has picked the right
        sheet for each. Reading changes nothing.
      </Text>
      <div className={layout.stack}>
        {ROLES.map(({ role, required, what }) => {
          const chosen = session.sheets[role];
          const info = survey.sheets.find((s) => s.name === chosen);
          const hint = info
            ? `Headings on row ${info.headingRow ?? "?"}, ${info.dataRows} rows of data.`
            : required
              ? `Required: ${what}.`
              : `Optional: ${what}.`;
          return (
            <Field key={role} label={`${ROLE_NAMES[role]} sheet`} hint={hint}>
              <Dropdown
                value={chosen ?? NONE}
                selectedOptions={[chosen ?? NONE]}
                onOptionSelect={(_, data) =>
                  actions.chooseSheet(role, data.optionValue === NONE ? undefined : data.optionValue)
                }
              >
                <Option value={NONE}>{NONE}</Option>
                {userSheets.map((name) => (
                  <Option key={name} value={name}>
                    {name}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          );
        })}
      </div>

      <Accordion collapsible multiple>
        {ROLES.filter(({ role }) => session.sheets[role] !== undefined).map(({ role }) => {
          const sheet = survey.sheets.find((s) => s.name === session.sheets[role]);
          const detected = survey.columns[role] ?? {};
          const chosen = session.columns[role] ?? {};
          return (
            <AccordionItem key={role} value={role}>
              <AccordionHeader>{`Columns of ${session.sheets[role]}`}</AccordionHeader>
              <AccordionPanel>
                <div className={layout.stack}>
                  {survey.fields[role].map(({ field, heading, required, note }) => {
                    const current = chosen[field] ?? detected[field];
                    return (
                      <Field
                        key={field}
                        label={heading}
                        size="small"
                        hint={note}
                        validationState={required && !current ? "warning" : "none"}
                        validationMessage={required && !current ? `No column found for ${heading}.` : undefined}
                      >
                        <Dropdown
                          size="small"
                          value={current ?? AUTO}
                          selectedOptions={[current ?? AUTO]}
                          onOptionSelect={(_, data) =>
                            actions.chooseColumn(role, field, data.optionValue === AUTO ? undefined : data.optionValue)
                          }
                        >
                          <Option value={AUTO}>{AUTO}</Option>
                          {(sheet?.headings ?? []).map((h) => (
                            <Option key={h.column} value={h.text}>
                              {h.text}
                            </Option>
                          ))}
                        </Dropdown>
                      </Field>
                    );
                  })}
                </div>
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>

      {!startWithSample && sample}
      <Caption1>Finished changing your sheets in Excel? Read them again with Refresh.</Caption1>
      <Button appearance="subtle" disabled={session.busy !== undefined} onClick={() => void actions.refresh()}>
        Refresh
      </Button>
    </section>
  );
}
