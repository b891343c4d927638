import { DefinitionNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse, visit } from 'graphql';

/** One GraphiQL tab: a runnable document (an operation plus the fragments it uses). */
export interface ExampleTab {
  /** Name of the operation, or null for an anonymous one. */
  operationName: string | null;
  /** The tab's document text, copied from the examples with its leading comments. */
  query: string;
}

/**
 * Splits an examples document into one tab per operation, each carrying the fragments it
 * spreads (transitively), so every tab runs on its own. The text of each definition is
 * copied verbatim from the source, with the comments above it, rather than re-printed.
 * The operation named `defaultOperationName` comes first (GraphiQL opens the first tab).
 *
 * Throws on a syntax error in the examples and on a `defaultOperationName` that names no
 * operation: both are mistakes in the project's own files, better seen at start.
 */
export function exampleTabs(examples: string, defaultOperationName?: string): ExampleTab[] {
  const document = parse(examples);
  const chunks = new Map<DefinitionNode, string>();
  let previousEnd = 0;
  for (const definition of document.definitions) {
    const end = definition.loc?.end ?? examples.length;
    chunks.set(definition, examples.slice(previousEnd, end).trim());
    previousEnd = end;
  }

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }

  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const tabs = operations.map((operation): ExampleTab => {
    const used = usedFragments(operation, fragments);
    // Fragments keep their order in the examples document.
    const parts = [operation, ...document.definitions.filter((d) => used.has(d as FragmentDefinitionNode))];
    return {
      operationName: operation.name?.value ?? null,
      query: parts.map((part) => chunks.get(part) ?? '').join('\n\n') + '\n',
    };
  });

  if (defaultOperationName !== undefined) {
    const index = tabs.findIndex((tab) => tab.operationName === defaultOperationName);
    if (index < 0) {
      throw new Error(
        `Playground: defaultOperationName "${defaultOperationName}" is not an operation of the examples document`,
      );
    }
    tabs.unshift(...tabs.splice(index, 1));
  }
  return tabs;
}

/** The fragments that `root` spreads, directly or through other fragments; unknown names are skipped. */
function usedFragments(
  root: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Set<FragmentDefinitionNode> {
  const used = new Set<FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [root];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment)) {
          used.add(fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return used;
}
