/**
 * 数据: first what is still missing, by table (counts in the colours the 问题 tab and the items use); then
 * every catalogue input with its status and cell, folded by table. Binding a name to the selection and
 * recognising the user's own 决算 tables are behind a link; inserting the template leads when names are missing.
 */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  BadgeProps,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  Link,
  makeStyles,
  Option,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { BindingStatus, InputStatus } from '../inputStatus';
import type { MissingInput, MissingWhy } from '../missing';
import { useStrings } from '../strings';
import { GROUP_BADGE, usePaneStyles } from './styles';

/** Recognising the user's own 决算 tables is behind the binding link: its code loads when the link is opened. */
const RecognisePanel = React.lazy(() =>
  import(/* webpackChunkName: "recognise-panel" */ './RecognisePanel').then((m) => ({
    default: m.RecognisePanel,
  }))
);

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
  },
  // Fluent's Dropdown and Input default to a 250 px minimum, wider than half a 320 px pane.
  narrow: { minWidth: 0, width: '100%' },
  value: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', flexShrink: 0 },
  plain: { listStyle: 'none', margin: 0, padding: 0 },
});

const BADGE: Record<BindingStatus, 'success' | 'danger' | 'warning' | 'informative'> = {
  已填写: 'success',
  未填写: 'informative',
  名称不存在: 'warning',
  无效: 'danger',
};
const ORDER: BindingStatus[] = ['名称不存在', '无效', '未填写', '已填写'];
/** The colour of each reason an input is missing: 待补 as in the 问题 tab, the others as their status badges. */
const MISSING_BADGE: Record<MissingWhy, NonNullable<BadgeProps['color']>> = {
  待补: GROUP_BADGE.待补,
  名称不存在: BADGE.名称不存在,
  无效: BADGE.无效,
};
const WHY_ORDER: MissingWhy[] = ['无效', '名称不存在', '待补'];

export interface DataTabProps {
  statuses: InputStatus[] | null;
  /** What the user still has to give (src/taskpane/missing.ts). */
  missing: MissingInput[];
  live: boolean;
  busy: boolean;
  onBind(name: string): void;
  onInsertTemplate(): void;
  onRefresh(): void;
  /** Goes to a cell (selects it in Excel). */
  onSelect?(address: string): void;
  /** Whether a run's findings are in `missing` (else only what the statuses show). */
  ran?: boolean;
}

type Filter = 'all' | BindingStatus;

/** What is missing, by table: each table's counts in their colours, its entries behind it. */
function MissingList({
  missing,
  live,
  busy,
  onBind,
  onSelect,
  ran,
}: Pick<DataTabProps, 'missing' | 'live' | 'busy' | 'onBind' | 'onSelect' | 'ran'>) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const whyLabel: Record<MissingWhy, string> = {
    待补: s.missing,
    名称不存在: s.statusNoName,
    无效: s.statusInvalid,
  };
  const sheets = [...new Set(missing.map((m) => m.sheet))];
  return (
    <section aria-label={s.missingTitle} className={pane.stack}>
      <Subtitle2 as="h3">{s.missingTitle}</Subtitle2>
      {missing.length === 0 ? (
        <Body1 data-testid="nothing-missing">{s.nothingMissing(!!ran)}</Body1>
      ) : (
        <>
          <Body1 className={pane.help}>{s.missingSummary(missing.length, sheets.length)}</Body1>
          <Accordion multiple collapsible defaultOpenItems={sheets.slice(0, 1)}>
            {sheets.map((sheet) => {
              const items = missing.filter((m) => m.sheet === sheet);
              return (
                <AccordionItem value={sheet} key={sheet}>
                  <AccordionHeader size="small">
                    <span className={pane.row} data-testid={`missing-${sheet}`}>
                      {sheet}
                      {WHY_ORDER.map((why) => {
                        const n = items.filter((m) => m.why === why).length;
                        return n ? (
                          <Badge key={why} color={MISSING_BADGE[why]} data-why={why}>
                            {why === '待补' ? n : `${whyLabel[why]} ${n}`}
                          </Badge>
                        ) : null;
                      })}
                    </span>
                  </AccordionHeader>
                  <AccordionPanel>
                    <ul aria-label={`${s.missingTitle}：${sheet}`} className={css.plain}>
                      {items.map((m) => (
                        <li key={`${m.name}|${m.label}`} className={pane.inputItem} data-missing={m.name}>
                          <div className={css.header}>
                            <Badge appearance="tint" color={MISSING_BADGE[m.why]}>
                              {whyLabel[m.why]}
                            </Badge>
                            <Text className={pane.grow} weight="semibold">
                              {m.label}
                            </Text>
                            {live && m.why === '名称不存在' && (
                              <Button
                                size="small"
                                disabled={busy}
                                onClick={() => onBind(m.name)}
                                aria-label={`${s.bind} ${m.label}`}
                              >
                                {s.bind}
                              </Button>
                            )}
                          </div>
                          {m.address &&
                            (live && onSelect ? (
                              <Link className={pane.mono} onClick={() => onSelect(m.address!)}>
                                {m.address}
                              </Link>
                            ) : (
                              <Caption1 className={pane.mono}>{m.address}</Caption1>
                            ))}
                          {m.message && m.why === '无效' && (
                            <Body1 className={pane.danger}>{m.message}</Body1>
                          )}
                        </li>
                      ))}
                    </ul>
                  </AccordionPanel>
                </AccordionItem>
              );
            })}
          </Accordion>
        </>
      )}
    </section>
  );
}

export function DataTab({
  statuses,
  missing,
  live,
  busy,
  onBind,
  onInsertTemplate,
  onRefresh,
  onSelect,
  ran = false,
}: DataTabProps) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const [filter, setFilter] = React.useState<Filter>('all');
  const [query, setQuery] = React.useState('');
  const [bindingHelp, setBindingHelp] = React.useState(false);
  const statusLabel: Record<BindingStatus, string> = {
    名称不存在: s.statusNoName,
    未填写: s.statusBlank,
    已填写: s.statusFilled,
    无效: s.statusInvalid,
  };
  const filterLabel = (f: Filter) => (f === 'all' ? s.filterAll : statusLabel[f]);

  const all = statuses ?? [];
  const count = (st: BindingStatus) => all.filter((x) => x.status === st).length;
  const shown = all.filter(
    (x) =>
      (filter === 'all' || x.status === filter) &&
      (!query || x.label.includes(query) || x.name.includes(query))
  );
  const sheets = [...new Set(shown.map((x) => x.sheet))];
  // What needs the user is listed above; here every table starts folded, and the user's choice holds.
  const [opened, setOpened] = React.useState<string[]>([]);
  const noName = count('名称不存在');
  const blank = count('未填写');
  // A blank the run waits for is listed above; every other blank is optional.
  const listedBlank = all.filter(
    (x) => x.status === '未填写' && missing.some((m) => m.name === x.name)
  ).length;
  const open = filter !== 'all' || query ? sheets : opened;

  return (
    <div className={pane.stack}>
      {live && noName > 0 && <Body1 className={pane.help}>{s.insertTemplateWhy(noName)}</Body1>}
      <div className={pane.row}>
        {live && (
          <Button
            appearance={noName > 0 ? 'primary' : 'secondary'}
            {...(noName > 0 && { 'data-next': true })}
            disabled={busy}
            onClick={onInsertTemplate}
          >
            {s.insertTemplate}
          </Button>
        )}
        <Button disabled={busy} onClick={onRefresh}>
          {s.refresh}
        </Button>
        {live && (
          <Link as="button" aria-expanded={bindingHelp} onClick={() => setBindingHelp(!bindingHelp)}>
            {s.bindingHelpLink}
          </Link>
        )}
      </div>
      {live && bindingHelp && (
        <div className={pane.stack} data-testid="binding-help">
          <Body1 className={pane.help}>{s.bindHint}</Body1>
          <React.Suspense fallback={<Spinner size="tiny" />}>
            <RecognisePanel busy={busy} onBound={onRefresh} />
          </React.Suspense>
        </div>
      )}
      {statuses && (
        <MissingList
          missing={missing}
          live={live}
          busy={busy}
          onBind={onBind}
          onSelect={onSelect}
          ran={ran}
        />
      )}
      <section aria-label={s.allInputs} className={pane.stack}>
        <Subtitle2 as="h3">{s.allInputs}</Subtitle2>
        <Text aria-live="polite" data-testid="input-counts">
          {s.countsStates(count('已填写'), blank, noName, count('无效'))}
        </Text>
        {blank > 0 && <Body1 className={pane.help}>{s.optionalBlank(blank, listedBlank)}</Body1>}
        <Body1 className={pane.help}>{s.requiredMark}</Body1>
        <div className={css.filters}>
          <Field label={s.filterLabel}>
            <Dropdown
              className={css.narrow}
              value={filterLabel(filter)}
              selectedOptions={[filter]}
              onOptionSelect={(_, d) => setFilter((d.optionValue as Filter) ?? 'all')}
            >
              {(['all', ...ORDER] as Filter[]).map((f) => (
                <Option key={f} value={f}>
                  {filterLabel(f)}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={s.searchLabel}>
            <Input
              className={css.narrow}
              value={query}
              placeholder={s.searchPlaceholder}
              onChange={(_, d) => setQuery(d.value)}
            />
          </Field>
        </div>
        <Accordion
          multiple
          collapsible
          openItems={open}
          onToggle={(_, d) => setOpened(d.openItems as string[])}
        >
          {sheets.map((sheet) => {
            const items = shown.filter((x) => x.sheet === sheet);
            const filled = items.filter((x) => x.status === '已填写').length;
            return (
              <AccordionItem value={sheet} key={sheet}>
                <AccordionHeader size="small">
                  {/* Plain counts, no colour: what needs the user is above, in its own colours. */}
                  <span className={pane.row}>
                    {sheet}
                    <Caption1 className={pane.muted}>{s.filledOf(filled, items.length)}</Caption1>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  <ul aria-label={sheet} className={css.plain}>
                    {items.map((x) => (
                      <li key={x.name} className={pane.inputItem} data-input={x.name}>
                        <div className={css.header}>
                          <Badge appearance="filled" color={BADGE[x.status]}>
                            {statusLabel[x.status]}
                          </Badge>
                          <Text className={pane.grow} weight="semibold" truncate wrap={false} title={x.label}>
                            {x.label}
                            {x.required && <span aria-label={s.required}> *</span>}
                          </Text>
                          {x.value !== undefined && (
                            <Text
                              className={css.value}
                              data-testid="value"
                              title={`${s.valueRead} ${x.value}`}
                            >
                              {x.value}
                            </Text>
                          )}
                          {live && (
                            <Button
                              size="small"
                              disabled={busy}
                              onClick={() => onBind(x.name)}
                              aria-label={`${s.bind} ${x.label}`}
                            >
                              {s.bind}
                            </Button>
                          )}
                        </div>
                        <Caption1 className={pane.mono}>
                          {x.name}
                          {x.address ? ` → ${x.address}` : ''}
                        </Caption1>
                        {x.message && x.status !== '已填写' && (
                          <Body1 className={x.status === '无效' ? pane.danger : pane.help}>{x.message}</Body1>
                        )}
                      </li>
                    ))}
                  </ul>
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
      </section>
    </div>
  );
}
