import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Context } from '../graphql/context';
import { SubscribeResolverData } from 'type-graphql';
import { ChangeFilter, ChangeConnection, ChangeEvent } from './change.type';
import { readChanges, resolveChange, subscribeChanges } from './change.service';

type Row = Record<string, unknown>;

@Resolver()
export class ChangeResolver {
  @Query(() => ChangeConnection, {
    description:
      'The change log: every committed change to a study (a new study, a new registry version, results posted, a status change, a curated edit, a deletion, a record no longer matched), oldest first, from the cursor `after`. A client that keeps `endCursor` and resumes with it gets every later change once, in order, across restarts of client and server.',
  })
  changes(
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The changes after this cursor (the `cursor` of a change, or an `endCursor`); from the start when omitted.',
    })
    after: string | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'Number of changes, 1 to 100 (default 20), the oldest after `after`.',
    })
    first: number | null,
    @Arg('last', () => Int, {
      nullable: true,
      description:
        'Instead of `first`: the newest `last` changes after `after` (1 to 100), still listed oldest first (a feed of the latest changes).',
    })
    last: number | null,
    @Arg('where', () => ChangeFilter, { nullable: true, description: 'Which changes; all when omitted.' })
    where: ChangeFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return readChanges(ctx, info, { after, first, last, where });
  }

  @Subscription(() => ChangeEvent, {
    description:
      'Each change to a study as it is committed, through any instance of the server or the command line (WebSocket, graphql-ws). With `after`, first the changes after that cursor, then the live ones: every change once, in order. Delivered within about a second (each instance reads the change log twice a second).',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, Record<string, unknown>, Context>) =>
      subscribeChanges(context, args.where as ChangeFilter | null, args.after as string | null),
  })
  studyChanged(
    @Root() event: Row,
    @Arg('where', () => ChangeFilter, { nullable: true, description: 'Which changes; all when omitted.' })
    _where: ChangeFilter | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Replay the changes after this cursor first; only new changes when omitted.',
    })
    _after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return resolveChange(ctx, info, event);
  }
}
