/**
 * Which ExcelApi requirement set each Excel API belongs to, read from @types/office-js, and which
 * of them the adapter's code calls, and under what guard. Used by test/taskpane/requirements.test.ts.
 *
 * - excelApiSets(): parses index.d.ts; each class member of `namespace Excel` gets the highest
 *   version its `[Api set: ExcelApi …]` comment names ("1.1 for reading visibility; 1.2 for setting
 *   it" counts as 1.2), or its class's when it has none of its own.
 * - excelApiUses(): compiles the given files with the TypeScript checker and lists every property
 *   access that resolves to such a member, with the highest version a guard around it promises.
 *   A guard is a call `….supports('1.x')` (the door's ExcelContext), or a variable initialised with
 *   an expression holding one, found (not under a `!`) in: the condition of an `if` or `?:` whose
 *   true branch holds the use, the left side of `&&` whose right side holds it, or an earlier
 *   `if (!guard) return|throw|continue|break` in an enclosing block. A guard further away (a caller
 *   checking before calling a helper) is not seen: keep the guard next to the call.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const OFFICE_JS_TYPES = path.join(__dirname, '..', '..', 'node_modules', '@types', 'office-js', 'index.d.ts');

/** "1.13" > "1.9": compared as numbers part by part. */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function highest(versions: string[]): string | null {
  return versions.length === 0 ? null : versions.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
}

/** The highest ExcelApi version named in a comment's `[Api set: ExcelApi …]`, or null. */
export function apiSetOf(comment: string): string | null {
  const versions: string[] = [];
  for (const match of comment.matchAll(/\[Api set: (ExcelApi [^\]]*)\]/g)) {
    for (const version of match[1].matchAll(/\b1\.\d+\b/g)) versions.push(version[0]);
  }
  return highest(versions);
}

function leadingComment(node: ts.Node, text: string): string {
  return text.slice(node.getFullStart(), node.getStart());
}

/** "Class.member" → ExcelApi version, for every class member of `declare namespace Excel`. */
export function excelApiSets(file = OFFICE_JS_TYPES): Map<string, string> {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  const sets = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isModuleDeclaration(statement) || statement.name.text !== 'Excel' || !statement.body || !ts.isModuleBlock(statement.body)) continue;
    for (const declaration of statement.body.statements) {
      if (!ts.isClassDeclaration(declaration) || !declaration.name) continue;
      const classSet = apiSetOf(leadingComment(declaration, text));
      for (const member of declaration.members) {
        if (!member.name || !ts.isIdentifier(member.name)) continue;
        const set = apiSetOf(leadingComment(member, text)) ?? classSet;
        if (set === null) continue;
        const key = `${declaration.name.text}.${member.name.text}`;
        const known = sets.get(key);
        sets.set(key, known ? (highest([known, set]) as string) : set);
      }
    }
  }
  return sets;
}

export interface ApiUse {
  file: string;
  line: number;
  /** "Class.member", as in excelApiSets. */
  api: string;
  /** The highest ExcelApi version the guards around the use promise, or null. */
  guard: string | null;
}

/** "Class.member" for a property access that resolves to a class member of `namespace Excel` in office-js. */
function excelMemberOf(node: ts.PropertyAccessExpression, checker: ts.TypeChecker): string | null {
  const symbol = checker.getSymbolAtLocation(node.name);
  const declaration = symbol?.declarations?.[0];
  if (!declaration || path.resolve(declaration.getSourceFile().fileName) !== path.resolve(OFFICE_JS_TYPES)) return null;
  const owner = declaration.parent;
  if (!owner || !ts.isClassDeclaration(owner) || !owner.name) return null;
  const namespace = owner.parent?.parent;
  if (!namespace || !ts.isModuleDeclaration(namespace) || namespace.name.text !== 'Excel') return null;
  return `${owner.name.text}.${node.name.text}`;
}

/** Versions promised by an expression that is true: supports('1.x') calls and variables set from them, not under `!`. */
function promised(expression: ts.Node, checker: ts.TypeChecker, depth = 0): string[] {
  const versions: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'supports') {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) versions.push(argument.text);
    }
    if (ts.isIdentifier(node) && depth < 2) {
      const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer)
        versions.push(...promised(declaration.initializer, checker, depth + 1));
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return versions;
}

/** Versions promised by `if (!guard) exit;` statements before `child` in a block. */
function promisedByEarlyExits(statements: readonly ts.Statement[], child: ts.Node, checker: ts.TypeChecker): string[] {
  const versions: string[] = [];
  const exits = (statement: ts.Statement): boolean => {
    if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isContinueStatement(statement) || ts.isBreakStatement(statement)) return true;
    return ts.isBlock(statement) && statement.statements.length > 0 && exits(statement.statements[statement.statements.length - 1]);
  };
  for (const statement of statements) {
    if (statement === child) break;
    if (!ts.isIfStatement(statement) || statement.elseStatement || !exits(statement.thenStatement)) continue;
    const condition = statement.expression;
    if (ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken) versions.push(...promised(condition.operand, checker));
  }
  return versions;
}

function guardAt(node: ts.Node, checker: ts.TypeChecker): string | null {
  const versions: string[] = [];
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isConditionalExpression(parent) && child === parent.whenTrue) versions.push(...promised(parent.condition, checker));
    else if (ts.isIfStatement(parent) && child === parent.thenStatement) versions.push(...promised(parent.expression, checker));
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) {
      versions.push(...promised(parent.left, checker));
    } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) versions.push(...promisedByEarlyExits(parent.statements, child, checker));
  }
  return highest(versions);
}

/** Compiles `files` (with the project's tsconfig; `virtual` adds in-memory files) and lists their Excel API uses. */
export function excelApiUses(files: string[], virtual: Record<string, string> = {}): Map<string, ApiUse[]> {
  const root = path.join(__dirname, '..', '..');
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const virtualPaths = new Map(Object.entries(virtual).map(([file, text]) => [path.resolve(file), text]));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) => {
    const text = virtualPaths.get(path.resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, language, true) : getSourceFile(fileName, language, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtualPaths.has(path.resolve(fileName)) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtualPaths.get(path.resolve(fileName)) ?? readFile(fileName);

  const all = [...files, ...virtualPaths.keys()];
  const program = ts.createProgram(all, { ...options, noEmit: true }, host);
  const checker = program.getTypeChecker();
  const uses = new Map<string, ApiUse[]>();
  for (const file of all) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not compiled: ${file}`);
    const found: ApiUse[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const api = excelMemberOf(node, checker);
        if (api) found.push({ file, line: source.getLineAndCharacterOfPosition(node.name.getStart()).line + 1, api, guard: guardAt(node, checker) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    uses.set(file, found);
  }
  return uses;
}
