export async function main(argv: string[]): Promise<number> {
  const { getModel, compileModel } = await import('../index.ts');
  console.log(argv, compileModel(getModel()).stateNames);
  return 0;
}
