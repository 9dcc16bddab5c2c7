/** ${{ values.description }} */
export function greet(name: string): string {
  return `Hello, ${name}, from ${{ values.packageName }}`;
}
