import * as React from "react";
import {
  Dropdown,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Option,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { pounds } from "../../workbook/format";
import type { PartnerFigures } from "../../workbook/outcome";
import type { StepProps } from "../session";
import { useLayout } from "./layout";
import { PartnerCopies } from "./PartnerCopies";
import { SavingsChart } from "./SavingsChart";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  // Fluent's Table lays out fixed columns across its width, which at a task pane's 320-360 px runs
  // the amounts into each other; sized to its content instead, it scrolls in its region.
  table: { tableLayout: "auto", width: "max-content", minWidth: "100%" },
  number: { textAlign: "right", whiteSpace: "nowrap" },
  links: { gap: tokens.spacingVerticalXS },
});

const ALL = "All partners";
const NOT_WITHIN = "never within the years shown";

/** Break-even and payback as the Savings profile sheet words them, from the figures' own first year. */
function breakEvenText(f: PartnerFigures): { breakEven: string; payback: string } {
  if (f.firstFigure === undefined)
    return { breakEven: "no cashable saving or investment", payback: "no cashable saving or investment" };
  return {
    breakEven: f.breakEven ?? NOT_WITHIN,
    payback: f.payback === undefined ? NOT_WITHIN : `${f.payback.toFixed(2)} years`,
  };
}
const WHAT_SHEETS_HOLD: Record<string, string> = {
  attribution: "each partner's share, cost and saving by service",
  "savings-profile": "savings by partner and year, with the chart",
  realisation: "planned against achieved, with RAG",
  audit: "the rules and inputs behind every figure",
};

/** Per partner: cashable savings by year, totals, break-even, the fairness flag, links to the sheets. */
export function ResultsStep(props: StepProps): React.JSX.Element {
  const { session, actions } = props;
  const results = session.run?.results;
  const stale = session.runIsStale; // the inputs have changed since these were written
  const styles = useStyles();
  const layout = useLayout();
  const [who, setWho] = React.useState(ALL);
  if (!results) return <Text>Write the tables to see the results here.</Text>;
  const figures = results.partners.find((p) => (p.partner ?? ALL) === who) ?? results.partners[0];
  const partners = results.partners.filter((p) => p.partner !== undefined);
  const all = results.partners.find((p) => p.partner === undefined);

  return (
    <section className={layout.step} aria-labelledby="results-heading">
      <Text as="h2" weight="semibold" size={400} id="results-heading">
        Results
      </Text>
      {stale && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Out of date</MessageBarTitle>
            The inputs or the sheet choices have changed since these tables were written, so these figures may no longer
            match the workbook: write the tables again.
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.scroll} role="region" aria-label="Totals by partner" tabIndex={0}>
        <Table size="small" aria-label="Totals by partner" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Partner</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Cashable saving</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Investment</TableHeaderCell>
              <TableHeaderCell>Break-even</TableHeaderCell>
              <TableHeaderCell>Payback</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {results.partners.map((p) => (
              <TableRow key={p.partner ?? ALL}>
                <TableCell>{p.partner ?? ALL}</TableCell>
                <TableCell className={styles.number}>{pounds(p.totalCashable)}</TableCell>
                <TableCell className={styles.number}>{pounds(p.totalInvestment)}</TableCell>
                <TableCell>{breakEvenText(p).breakEven}</TableCell>
                <TableCell>{breakEvenText(p).payback}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <div className={styles.scroll} role="region" aria-label="Break-even by service" tabIndex={0}>
        <Table size="small" aria-label="Break-even by service" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Service</TableHeaderCell>
              <TableHeaderCell>From</TableHeaderCell>
              <TableHeaderCell>Break-even</TableHeaderCell>
              <TableHeaderCell>Payback</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {results.services.map((s) => (
              <TableRow key={s.service}>
                <TableCell>{s.service}</TableCell>
                <TableCell>{s.firstFigure ?? ""}</TableCell>
                <TableCell>{breakEvenText(s).breakEven}</TableCell>
                <TableCell>{breakEvenText(s).payback}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Text size={200}>
        {"Break-even and payback are counted from each partner's and each service's own first figure (its first year " +
          "with a cashable saving or an investment)."}
      </Text>

      {all && !all.totalOtherKinds.isZero() && (
        <Text size={200}>
          Cashable savings only, as they reduce budgets and go into the MTFS. The other kinds (non-cashable and cost
          avoidance), {pounds(all.totalOtherKinds)} in all, are on the Savings profile sheet.
        </Text>
      )}

      {results.fairness.length > 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Fairness in the round</MessageBarTitle>
            {results.fairness.join(" ")}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Fairness in the round</MessageBarTitle>
            No partner has the smallest saving rate in most of the services it shares (RULES.md §5).
          </MessageBarBody>
        </MessageBar>
      )}

      <Field label="Savings by year for">
        <Dropdown value={who} selectedOptions={[who]} onOptionSelect={(_, d) => setWho(d.optionValue ?? ALL)}>
          {[...partners.map((p) => p.partner as string), ALL].map((name) => (
            <Option key={name} value={name}>
              {name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <SavingsChart years={results.years} values={figures.inForce} title={`Cashable saving in force, ${who}`} />
      <div className={styles.scroll} role="region" aria-label={`Savings by year, ${who}`} tabIndex={0}>
        <Table size="small" aria-label={`Savings by year, ${who}`} className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Year</TableHeaderCell>
              <TableHeaderCell className={styles.number}>New saving</TableHeaderCell>
              <TableHeaderCell className={styles.number}>In force</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Net</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Cumulative net</TableHeaderCell>
              {/* With a Variances sheet: its figures for the year (RULES.md §3), as the Savings profile's last two lines. */}
              {figures.variances && <TableHeaderCell className={styles.number}>Variances borne</TableHeaderCell>}
              {figures.netAfterVariances && (
                <TableHeaderCell className={styles.number}>Net after variances</TableHeaderCell>
              )}
            </TableRow>
          </TableHeader>
          <TableBody>
            {results.years.map((year, i) => (
              <TableRow key={year}>
                <TableCell>{year}</TableCell>
                <TableCell className={styles.number}>{pounds(figures.cashable[i])}</TableCell>
                <TableCell className={styles.number}>{pounds(figures.inForce[i])}</TableCell>
                <TableCell className={styles.number}>{pounds(figures.net[i])}</TableCell>
                <TableCell className={styles.number}>{pounds(figures.cumulativeNet[i])}</TableCell>
                {figures.variances && <TableCell className={styles.number}>{pounds(figures.variances[i])}</TableCell>}
                {figures.netAfterVariances && (
                  <TableCell className={styles.number}>{pounds(figures.netAfterVariances[i])}</TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <Text as="h3" weight="semibold" id="sheets-written">
        The sheets written
      </Text>
      <ul className={mergeClasses(layout.list, styles.links)} aria-labelledby="sheets-written">
        {results.sheets.map((s) => (
          <li key={s.name}>
            <Link as="button" onClick={() => void actions.select(s.name)}>
              {s.name}
            </Link>
            <Text size={200}>{`: ${WHAT_SHEETS_HOLD[s.role] ?? ""}`}</Text>
          </li>
        ))}
      </ul>
      {results.warnings.length > results.fairness.length && (
        <Text size={200}>The Audit sheet lists {results.warnings.length} warnings in all.</Text>
      )}

      <PartnerCopies {...props} partners={partners.map((p) => p.partner as string)} />
    </section>
  );
}
