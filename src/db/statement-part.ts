/**
 * A write one room hands to another to be sent as a part (a `with`) of that room's statement, so
 * that writes of one transaction travel in one round trip: a Kysely insert, update or delete
 * builder, or a `sql` fragment, not yet executed. Data-modifying parts of a statement all run to
 * completion whether or not the statement reads them, in no set order, on the snapshot the
 * statement started with: a part must not depend on another part's effect or on when it runs.
 */
import type { OperationNodeSource } from 'kysely';

export type StatementPart = OperationNodeSource;
