// Stryker ignorer: leaves out the mutants that only change a message's wording.
//
// The issue that asked for mutation testing counts behaviour mutants and excludes message text.
// "Message text" is decided here by the code's shape, not by a list of lines: the second argument
// of `issue(code, message, …)`, an argument given to a parameter declared `message: string`
// (the local `refuse(…, message)` helpers), and a string or template written as the value of a
// `message` property. Codes, paths, inputs and every other argument are still mutated.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const REASON = 'message text: only the wording of an issue changes (see stryker.equivalent.md)';

const isText = (node) =>
  node.type === 'StringLiteral' ||
  node.type === 'TemplateLiteral' ||
  node.type === 'ConditionalExpression' ||
  node.type === 'BinaryExpression' ||
  node.type === 'LogicalExpression';

/** The function a local identifier names: `function f(…)` or `const f = (…) => …`. */
function functionOf(callee, scope) {
  if (callee.type !== 'Identifier') return undefined;
  const binding = scope.getBinding(callee.name);
  const node = binding?.path.node;
  if (node?.type === 'FunctionDeclaration') return node;
  if (node?.type === 'VariableDeclarator' && node.init && /Function/.test(node.init.type)) return node.init;
  return undefined;
}

function isMessageArgument(path) {
  if (path.listKey !== 'arguments' || !path.parentPath?.isCallExpression()) return false;
  const call = path.parentPath.node;
  if (call.callee.type === 'Identifier' && call.callee.name === 'issue') return path.key === 1;
  const fn = functionOf(call.callee, path.parentPath.scope);
  const param = fn?.params[path.key];
  return (
    param?.type === 'Identifier' &&
    param.name === 'message' &&
    param.typeAnnotation?.typeAnnotation?.type === 'TSStringKeyword' &&
    isText(path.node)
  );
}

function isMessageProperty(path) {
  const parent = path.parentPath?.node;
  return (
    path.key === 'value' &&
    parent?.type === 'ObjectProperty' &&
    parent.key.type === 'Identifier' &&
    parent.key.name === 'message' &&
    isText(path.node)
  );
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'MessageText', {
    shouldIgnore: (path) => (isMessageArgument(path) || isMessageProperty(path) ? REASON : undefined),
  }),
];
