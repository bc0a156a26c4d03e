/**
 * The predicate of `signatures_name_words_idx`, over `signatures`' unqualified columns: the signatures
 * an organiser can find by a word of the name: those whose email was confirmed (counted or held for
 * review; withdrawn and invalidated ones, also past confirmation, are hidden by the search's own rule)
 * whose words are kept. A signature waiting for its confirmation is left out on purpose: its name is
 * anyone's typing until the address's owner confirms it, and leaving it out keeps the GIN index's
 * insert off the signing statement (confirming rewrites every index entry of the row anyway, so the
 * word hashes enter the index then, at no extra update). Written here because db/ imports nothing from
 * lib/; lib/dashboard/statements.ts's search repeats it so the planner can use the index, and
 * tests/integration/fold-name.test.ts checks that it does.
 */
export const NAME_WORDS_INDEX_PREDICATE = "status <> 'pending' and name_words is not null";
