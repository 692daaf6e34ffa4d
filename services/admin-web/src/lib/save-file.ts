/** Hands a fetched file to the browser as a download named `name` (the token stays out of any link). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Long enough for the browser to take the file.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
