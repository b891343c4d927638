import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './pagination';

/**
 * Builds the Relay connection types of a node type: `<Name>Edge { cursor node }` and an
 * abstract `{ edges pageInfo totalCount }` base for `<Name>Connection` to extend.
 */
export function Connection<T extends object>(node: ClassType<T>, plural: string) {
  @ObjectType(`${node.name}Edge`, { description: `One ${node.name} of a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor: string;

    @Field(() => node, { description: `The ${node.name}.` })
    node: T;
  }

  @ObjectType()
  abstract class ConnectionBase {
    @Field(() => [Edge], { description: `The ${plural} of this page, in order.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: `Number of ${plural} matching, over all pages.` })
    totalCount: number;
  }
  return ConnectionBase;
}
