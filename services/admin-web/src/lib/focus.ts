/** Moves the focus to the first control of `root` marked aria-invalid (after a failed submit). */
export function focusFirstInvalid(root: HTMLElement | null): void {
  const target = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (target) {
    target.focus();
    target.scrollIntoView?.({ block: 'center' });
  }
}
