/**
 * Function words that carry no topic: dropped from documents and queries alike.
 * A classic English list (SMART/Lucene-like), kept short so that topic words survive.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren as at be because been before
  being below between both but by can cannot could couldn did didn do does doesn doing don down
  during each few for from further had hadn has hasn have haven having he her here hers herself
  him himself his how i if in into is isn it its itself just let me more most my myself no nor
  not of off on once only or other ought our ours ourselves out over own same shan she should
  shouldn so some such than that the their theirs them themselves then there these they this
  those through to too under until up very was wasn we were weren what when where which while who
  whom why will with won would wouldn you your yours yourself yourselves ll re ve s t d m also
  etc may might must shall us via yes dont doesnt didnt cant couldnt wont wouldnt
  shouldnt isnt arent wasnt werent im ive youre theyre weve hasnt havent hadnt whats thats theres`.split(
    /\s+/,
  ),
)

/**
 * Conversational filler of support messages ("Hi, I was wondering if you could tell me...").
 * Dropped from queries only: these words describe the act of asking, not the topic, and a
 * document that happens to contain "hello" or "wondering" is no better an answer for it.
 */
export const QUERY_FILLER: ReadonlySet<string> = new Set(
  `hi hello hey greetings good morning afternoon evening thanks thank please kindly wondering
  wonder wondered question questions ask asking tell telling know knowing like would want wanted
  wanting need needed needing help helping looking look learn learning understand curious
  interested info information inquire inquiring regarding concerning something anything
  someone somebody thing things get got hoping hope sure okay ok yeah well there here
  explain wish trying try possible possibly able maybe just
  really actually currently some sort kind`.split(/\s+/),
)
