import type { ReactNode } from 'react';

/** One column of a {@link StackedTable}: its heading, and what a row shows in it. */
export interface Column<T> {
  /** The heading, also each cell's `data-label` (the label a narrow screen shows beside the value). */
  label: string;
  cell: (row: T) => ReactNode;
  /** The cell names its row (`<th scope="row">`), as a screen reader announces it; one column per table. */
  rowHeader?: boolean;
}

/**
 * The web app's one list table: a caption for screen readers, column headings, and rows that
 * stack into labelled lines on a phone (`table--stack`), scrolling sideways only inside its box.
 */
export function StackedTable<T>({ caption, columns, rows, rowKey }: { caption: string; columns: readonly Column<T>[]; rows: readonly T[]; rowKey: (row: T, index: number) => string }) {
  return (
    <div className="table-scroll">
      <table className="table table--stack">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row" key={c.label} data-label={c.label}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.label} data-label={c.label}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
