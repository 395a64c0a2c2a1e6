"""Names: find corrupted names and suggest the canonical spelling.

Machine translation, above all a round trip through another script, damages
names: "Voldimi Zelensky", "James Stabridisdad" (Stavridis, spelled right two
sentences later), "CNN's Jim Sait" (Sciutto). The check works in three steps:

1. ``runs``: runs of capitalised words in each paragraph, without the
   ordinary words that open them ("Retired", "President"); ``context``: what
   the article says of its names, and the paragraph around each.
2. ``candidates``: for each word of a run that no accepted spelling
   explains, candidate repairs from the run's other words (a known surname
   whose given name is a near miss), from near spellings in the gazetteer
   (read word by word through ``mtcheck.gazetteer.words``), and from near
   spellings elsewhere in the article.
3. ``evidence``: each candidate described by its evidence (how close the
   spellings are and by what edit; the rest of the name, the article, the
   paragraph's words against the entry's description, the entry's kind and
   prominence, how common either spelling is).
4. ``decision``: a logistic regression fitted on two damage generators'
   data (tools/fit_name_decision.py) gives the probability that a repair
   restores a damaged name, and keeps the likeliest per word. Most names in
   the news are in no list: the thresholds keep false flags on clean text
   rare. ``verify`` (in a scan): the language model reads each likely
   repair's sentence as written and repaired; a second model weighs what it
   saves.
5. ``check``: the check itself, which runs these steps per article.

``learn`` turns trusted articles into gazetteer entries
(``mtcheck gazetteer build``).
"""

from mtcheck.checks.names.check import NameCheck
from mtcheck.checks.names.learn import learn_names
from mtcheck.checks.names.runs import NameToken, name_runs
from mtcheck.checks.names.verify import RepairVerifier

__all__ = ["NameCheck", "NameToken", "RepairVerifier", "learn_names", "name_runs"]
