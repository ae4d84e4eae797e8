/** 数据: every catalogue input with its status and cell; bind a name to the selection; insert the template. */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { BindingStatus, InputStatus } from '../inputStatus';
import { useStrings } from '../strings';
import { usePaneStyles } from './styles';
import { RecognisePanel } from './RecognisePanel';

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
});

const BADGE: Record<BindingStatus, 'success' | 'danger' | 'warning' | 'informative'> = {
  已填写: 'success',
  未填写: 'informative',
  名称不存在: 'warning',
  无效: 'danger',
};
const ORDER: BindingStatus[] = ['名称不存在', '无效', '未填写', '已填写'];

export interface DataTabProps {
  statuses: InputStatus[] | null;
  live: boolean;
  busy: boolean;
  onBind(name: string): void;
  onInsertTemplate(): void;
  onRefresh(): void;
}

type Filter = 'all' | BindingStatus;

export function DataTab({ statuses, live, busy, onBind, onInsertTemplate, onRefresh }: DataTabProps) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const [filter, setFilter] = React.useState<Filter>('all');
  const [query, setQuery] = React.useState('');
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
  // Sheets with something to fix start open; after that the user's choice holds (binding must not fold a sheet away).
  const [opened, setOpened] = React.useState<string[] | null>(null);
  // Only what needs the user (no such name, invalid, a required blank) opens a sheet; an optional blank does not.
  const needs = (x: InputStatus) =>
    x.status === '名称不存在' || x.status === '无效' || (x.status === '未填写' && x.required);
  const initial = sheets.filter((sh) => shown.some((x) => x.sheet === sh && needs(x)));
  const noName = count('名称不存在');
  const ready = all.length > 0;
  React.useEffect(() => {
    if (ready) setOpened((o) => o ?? initial);
    // Only the first statuses decide; later ones must not fold a sheet the user is working in.
  }, [ready]);
  const open = filter !== 'all' || query ? sheets : (opened ?? initial);

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
      </div>
      {live && <Body1 className={pane.help}>{s.bindHint}</Body1>}
      {live && <RecognisePanel busy={busy} onBound={onRefresh} />}
      <Text weight="semibold" aria-live="polite">
        {s.countsStates(count('已填写'), count('未填写'), noName, count('无效'))}
      </Text>
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
          const bad = items.filter(needs).length;
          return (
            <AccordionItem value={sheet} key={sheet}>
              <AccordionHeader size="small">
                <span className={pane.row}>
                  {sheet}
                  <Badge appearance="tint" color={bad ? 'warning' : 'success'}>
                    {bad ? `${bad}/${items.length}` : items.length}
                  </Badge>
                </span>
              </AccordionHeader>
              <AccordionPanel>
                <ul aria-label={sheet} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
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
                          <Text className={css.value} data-testid="value" title={`${s.valueRead} ${x.value}`}>
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
    </div>
  );
}
