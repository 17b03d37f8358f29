//! Small closed word lists the analysers rely on.
//!
//! They are hand-written and deliberately modest: each list only has to tip a decision that the
//! surrounding text leaves open (is this capitalised word a first name, an organisation suffix, a
//! month?), so coverage of frequent cases matters more than completeness. All entries are folded
//! (lower case, no accents) and every lookup folds its input the same way.

use std::collections::HashSet;
use std::sync::OnceLock;

fn set(cell: &'static OnceLock<HashSet<&'static str>>, words: &[&'static str]) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| words.iter().copied().collect())
}

macro_rules! word_set {
    ($fn_name:ident, $doc:literal, [$($w:literal),* $(,)?]) => {
        #[doc = $doc]
        pub fn $fn_name(folded: &str) -> bool {
            static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
            set(&CELL, &[$($w),*]).contains(folded)
        }
    };
}

word_set!(is_speech_verb, "Verbs that introduce or close reported speech (all inflections listed).", [
    "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "asked", "asks",
    "stated", "states", "declared", "declares", "wrote", "writes", "tweeted", "tweets", "posted",
    "explained", "explains", "noted", "notes", "warned", "warns", "insisted", "insists", "argued",
    "argues", "announced", "announces", "replied", "replies", "claimed", "claims", "acknowledged",
    "acknowledges", "continued", "continues", "recalled", "recalls", "remarked", "remarks",
    "responded", "responds", "answered", "answers", "suggested", "suggests", "conceded",
    "concedes", "admitted", "admits", "predicted", "predicts", "vowed", "vows", "urged", "urges",
    "stressed", "stresses", "emphasized", "emphasised", "observed", "observes", "cautioned",
    "cautions", "complained", "complains", "joked", "jokes", "shouted", "shouts", "yelled",
    "whispered", "testified", "testifies", "countered", "counters", "pointed", "reported",
    "reports", "quipped", "mused", "lamented", "laments", "boasted", "boasts", "promised",
    "promises", "charged", "charges", "contended", "contends", "concluded", "concludes",
    "maintained", "maintains", "agreed", "agrees", "confirmed", "confirms", "denied", "denies",
    "disclosed", "revealed", "reveals", "retorted", "sang", "sings", "wondered", "wonders",
    "commented", "comments", "stated", "assured", "assures", "pleaded", "demanded", "demands",
    "proclaimed", "proclaims", "read", "reads", "called", "calls", "described", "describes",
    "labelled", "labeled", "dubbed",
]);

/// Verbs that only signal speech when a quotation sits right next to them: "called it
/// “a disgrace”" is speech, "called the meeting" is not. Kept apart so that the plain list above
/// can be used for "X said" detection without these false friends.
pub fn is_weak_speech_verb(folded: &str) -> bool {
    matches!(
        folded,
        "called" | "calls" | "described" | "describes" | "labelled" | "labeled" | "dubbed" | "read"
            | "reads" | "pointed" | "reported" | "reports" | "charged" | "charges" | "agreed"
            | "agrees" | "promised" | "promises" | "sang" | "sings"
    )
}

word_set!(is_honorific, "Titles that precede a person's name and are stripped from its span.", [
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "president", "minister",
    "secretary", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov",
    "governor", "gen", "col", "colonel", "capt", "captain", "lt", "lieutenant", "sgt", "sergeant",
    "adm", "admiral", "king", "queen", "prince", "princess", "pope", "chancellor", "judge", "mayor",
    "ambassador", "chairman", "chairwoman", "chairperson", "ceo", "director", "commissioner",
    "sheikh", "sir", "dame", "rev", "reverend", "bishop", "archbishop", "cardinal", "premier",
    "envoy", "spokesman", "spokeswoman", "spokesperson", "inspector", "detective", "superintendent",
    "commander", "marshal", "ayatollah", "imam", "rabbi", "officer", "coach", "chief", "general",
    "justice", "lord", "lady", "father", "speaker", "leader", "president-elect", "emir", "sultan",
    "dr.", "mr.", "mrs.", "ms.", "sen.", "gov.", "gen.", "rep.", "supt", "det", "cmdr", "maj",
    "major", "hon", "councillor", "councilor", "alderman", "constable", "corporal", "private",
    "sister", "brother", "dean", "chair", "editor", "manager", "founder", "economist", "analyst",
    "lawyer", "attorney", "candidate", "nominee", "vice-president", "deputy", "mp",
]);

/// Titles whose word is also common in other names ("General Motors", "Chief Executive", "Speaker
/// of the House"): stripped only when what remains still looks like a personal name.
pub fn is_ambiguous_honorific(folded: &str) -> bool {
    matches!(
        folded,
        "general" | "justice" | "chief" | "speaker" | "leader" | "father" | "lady" | "lord"
            | "officer" | "coach" | "director" | "major" | "private" | "sister" | "brother"
            | "dean" | "chair" | "editor" | "manager" | "founder" | "economist" | "analyst"
            | "lawyer" | "attorney" | "candidate" | "nominee" | "deputy" | "king" | "queen"
            | "prince" | "princess" | "chancellor" | "premier" | "judge"
    )
}

word_set!(is_title_modifier, "Words that qualify a title (\"Foreign Minister\", \"Vice President\").", [
    "foreign", "prime", "vice", "deputy", "chief", "home", "defence", "defense", "finance",
    "interior", "health", "attorney", "general", "executive", "former", "acting", "interim",
    "senior", "junior", "state", "assistant", "associate", "principal", "first", "grand",
    "supreme", "high", "lord", "crown", "education", "energy", "trade", "economy", "transport",
    "environment", "agriculture", "labour", "labor", "culture", "water", "budget", "treasury",
    "police", "fire", "army", "navy", "air", "opposition", "party", "majority", "minority",
    "regional", "provincial", "district", "county", "city", "town", "national", "federal",
]);

word_set!(is_month_word, "Month names and their abbreviations.", [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
]);

word_set!(is_weekday_word, "Weekday names and their abbreviations.", [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
]);

word_set!(is_common_capitalised, "Words that are capitalised at a sentence start or in headlines but are not names.", [
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "our", "my", "your", "there", "here", "but", "and", "or",
    "so", "yet", "if", "when", "while", "after", "before", "since", "as", "at", "in", "on", "for",
    "from", "by", "with", "of", "to", "into", "about", "over", "under", "during", "despite",
    "although", "though", "however", "meanwhile", "moreover", "still", "also", "then", "now",
    "today", "yesterday", "tomorrow", "tonight", "last", "next", "earlier", "later", "some",
    "many", "most", "all", "both", "each", "every", "no", "not", "one", "two", "three", "several",
    "few", "other", "another", "such", "what", "who", "why", "how", "where", "which", "whether",
    "officials", "police", "residents", "people", "critics", "experts", "analysts", "sources",
    "witnesses", "authorities", "government", "according", "asked", "speaking", "despite", "once",
    "even", "only", "just", "more", "less", "much", "very", "well", "yes", "oh", "please", "thank",
    "thanks", "dear", "hello", "mr", "mrs", "ms", "dr", "sir", "madam", "let", "let's", "do",
    "does", "did", "is", "are", "was", "were", "be", "been", "will", "would", "can", "could",
    "should", "must", "may", "might", "shall", "have", "has", "had", "our", "us", "me", "him",
    "them", "everyone", "everything", "nobody", "nothing", "someone", "something", "anyone",
    "whatever", "whoever", "because", "unless", "until", "instead", "indeed", "perhaps",
    "maybe", "overall", "together", "again", "already", "always", "never", "often", "sometimes",
    "editor", "update", "updated", "breaking", "exclusive", "watch", "read", "photo", "video",
    "advertisement", "related", "note", "source", "sources", "reporting", "additional",
    "copyright", "contact", "share", "like", "follow", "subscribe", "click", "see", "image",
    "getty", "images", "file", "caption", "by", "via", "new", "old", "big", "good", "bad",
    "first", "second", "third", "final", "latest", "top", "key", "major", "senior", "former",
    "chief", "late", "early", "mid", "during", "following", "amid", "among", "between", "across",
    "around", "against", "without", "within", "toward", "towards", "upon", "per", "unlike",
    "though", "except", "beyond", "behind", "beside", "near", "outside", "inside", "above",
    "below", "off", "out", "up", "down", "whose", "whom", "ah", "ok", "okay", "no.", "sen.",
]);

word_set!(is_first_name, "Common given names from many cultures: strong evidence that a capitalised pair is a person.", [
    // English / general European
    "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul",
    "andrew", "joshua", "kenneth", "kevin", "brian", "george", "edward", "ronald", "timothy",
    "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen",
    "larry", "justin", "scott", "brandon", "benjamin", "samuel", "frank", "gregory", "raymond",
    "alexander", "patrick", "jack", "dennis", "jerry", "tyler", "aaron", "henry", "adam", "peter",
    "nathan", "zachary", "walter", "kyle", "harold", "carl", "jeremy", "keith", "roger", "gerald",
    "ethan", "arthur", "terry", "christian", "sean", "lawrence", "austin", "joe", "noah", "jesse",
    "albert", "bryan", "billy", "bruce", "willie", "jordan", "dylan", "alan", "ralph", "gabriel",
    "roy", "juan", "wayne", "eugene", "logan", "randy", "louis", "russell", "vincent", "philip",
    "bobby", "johnny", "bradley", "bernie", "bill", "bob", "tom", "tim", "jim", "mike", "ted",
    "ben", "sam", "nick", "chris", "dan", "matt", "tony", "steve", "jeff", "greg", "ken", "rick",
    "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah",
    "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily",
    "donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie",
    "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley", "angela", "helen",
    "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine", "debra",
    "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia",
    "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan", "evelyn",
    "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances", "gloria",
    "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris", "abigail",
    "julia", "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa",
    "sophia", "marie", "diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis",
    "kayla", "hillary", "sophie", "claire", "kate", "jane", "lucy", "ellen", "nora", "eva", "ava",
    "theresa", "boris", "nigel", "gordon", "tony", "keir", "rishi", "liz", "suella", "priti",
    // French, German, Dutch, Nordic
    "jean", "pierre", "jacques", "francois", "emmanuel", "nicolas", "olivier", "philippe", "alain",
    "marine", "sebastien", "camille", "chloe", "lea", "manon", "juliette", "amelie", "hans",
    "klaus", "jurgen", "wolfgang", "helmut", "angela", "olaf", "friedrich", "gerhard", "heinz",
    "ursula", "annalena", "greta", "lars", "anders", "erik", "sven", "ingrid", "astrid", "mette",
    "jens", "niels", "pieter", "jan", "willem", "sanne", "femke", "luuk", "mark", "karl",
    // Southern European, Latin American
    "jose", "luis", "carlos", "jorge", "manuel", "antonio", "francisco", "javier", "miguel",
    "pedro", "pablo", "alejandro", "fernando", "diego", "sergio", "ricardo", "andres", "rafael",
    "ana", "lucia", "carmen", "isabel", "sofia", "valentina", "camila", "gabriela", "elena",
    "paola", "paolo", "giulia", "giuseppe", "giovanni", "marco", "matteo", "luca", "francesco",
    "alessandro", "giorgia", "mario", "sergio", "joao", "luiz", "inacio", "beatriz", "mariana",
    "fernanda", "rodrigo", "gustavo", "felipe", "dilma", "jair", "evo", "nicolas", "hugo",
    // Slavic, Baltic, Greek, Hungarian
    "vladimir", "volodymyr", "wladimir", "dmitry", "dmitri", "sergei", "sergey", "alexei",
    "alexey", "ivan", "mikhail", "nikolai", "andrei", "andriy", "oleksandr", "yulia", "olena",
    "natalia", "tatiana", "svetlana", "irina", "olga", "anastasia", "ekaterina", "viktor",
    "viktoria", "petro", "vitali", "vitaly", "yuri", "yury", "pavel", "jaroslav", "tomas",
    "piotr", "pawel", "krzysztof", "andrzej", "agnieszka", "katarzyna", "malgorzata", "donald",
    "zoran", "milan", "dragan", "aleksandar", "nikos", "giorgos", "kyriakos", "alexis", "dimitris",
    "maria", "laszlo", "istvan", "zsolt", "gabor", "viktor", "aleksander",
    // Arabic, Persian, Turkish, South Asian
    "mohammed", "muhammad", "mohamed", "mohamad", "mohammad", "ahmed", "ahmad", "ali", "omar",
    "umar", "hassan", "hasan", "hussein", "husain", "ibrahim", "khalid", "khaled", "abdullah",
    "abdul", "youssef", "yusuf", "mahmoud", "mustafa", "mostafa", "karim", "samir", "tariq",
    "walid", "hamid", "saeed", "salman", "faisal", "rashid", "nasser", "bashar", "hafez",
    "fatima", "aisha", "ayesha", "leila", "layla", "mariam", "maryam", "noor", "nour", "zainab",
    "yasmin", "amira", "hana", "rania", "recep", "tayyip", "mehmet", "mustafa", "emine", "ayse",
    "hakan", "ebrahim", "hassan", "javad", "narendra", "rahul", "sonia", "indira", "amit",
    "raj", "sanjay", "vijay", "arvind", "priya", "anjali", "sunita", "imran", "nawaz", "shehbaz",
    "benazir", "hasina", "khaleda", "ravi", "arjun", "deepak", "manmohan", "kamala",
    // East and South-East Asian
    "xi", "li", "wang", "zhang", "wei", "jing", "ming", "hui", "yan", "lei", "jun", "hiroshi",
    "takeshi", "shinzo", "fumio", "yoshihide", "kenji", "yuki", "haruki", "akira", "naoko",
    "yoko", "keiko", "sakura", "moon", "kim", "min", "ji", "hyun", "joko", "prabowo",
    "rodrigo", "ferdinand", "thaksin", "yingluck", "aung", "hun", "ngozi",
    // African
    "chidi", "chinedu", "ngozi", "oluwaseun", "olusegun", "bola", "muhammadu", "goodluck",
    "kwame", "kofi", "ama", "abena", "yaw", "nana", "amina", "fatou", "mamadou", "moussa",
    "abdoulaye", "aliou", "cheikh", "jacob", "cyril", "thabo", "nelson", "winnie", "julius",
    "uhuru", "william", "raila", "jomo", "paul", "yoweri", "samia", "john", "abiy", "haile",
    "tsegaye", "desta", "wanjiru", "wanjiku", "njeri", "kamau", "otieno", "achieng", "ekow",
    "adaeze", "chiamaka", "emeka", "tunde", "funmilayo", "ifeoma", "obinna", "zainab", "tendai",
    "tatenda", "farai", "themba", "sipho", "lindiwe", "nomvula", "thandiwe",
]);

word_set!(is_org_suffix, "Last words that make a capitalised sequence an organisation.", [
    "ministry", "commission", "agency", "party", "bank", "inc", "corp", "corporation", "council",
    "university", "association", "company", "co", "group", "union", "court", "army", "police",
    "airlines", "airways", "department", "office", "committee", "institute", "foundation", "fund",
    "organisation", "organization", "authority", "board", "bureau", "service", "services",
    "federation", "league", "club", "society", "trust", "ltd", "llc", "plc", "gmbh", "ag",
    "network", "times", "post", "news", "press", "herald", "journal", "parliament", "senate",
    "congress", "assembly", "government", "administration", "forces", "navy", "guard", "church",
    "hospital", "school", "college", "academy", "centre", "center", "laboratory", "labs",
    "systems", "technologies", "holdings", "industries", "motors", "partners", "alliance",
    "coalition", "front", "movement", "campaign", "brigade", "brigades", "initiative", "program",
    "programme", "secretariat", "cabinet", "tribunal", "exchange", "reserve", "media", "radio",
    "television", "tv", "channel", "fc", "team", "tribune", "gazette", "telegraph", "chronicle",
    "daily", "wire", "broadcasting", "corporation", "cooperative", "co-operative", "consortium",
    "caucus", "directorate", "command", "corps", "guards", "militia", "unit", "firm", "bancorp",
    "pharmaceuticals", "energy", "airline", "railways", "railway", "mining", "observatory",
    "commissioners", "regiment", "battalion", "division", "squad", "taskforce", "institution",
    "museum", "library", "zoo", "publishing", "press", "records", "studios", "pictures",
]);

word_set!(is_org_head, "First words of \"X of Y\" organisation names (\"Ministry of Health\").", [
    "ministry", "university", "bank", "department", "church", "office", "court", "house",
    "council", "institute", "board", "bureau", "commission", "college", "academy", "federation",
    "association", "society", "league", "union", "organisation", "organization", "party",
    "chamber", "parliament", "assembly", "museum", "school", "agency", "secretariat", "order",
    "federal", "national", "royal", "supreme",
]);

word_set!(is_place_suffix, "Last words that make a capitalised sequence a place.", [
    "city", "province", "valley", "river", "region", "county", "state", "island", "islands",
    "mountains", "mountain", "mount", "lake", "sea", "ocean", "bay", "street", "road", "avenue",
    "square", "district", "park", "bridge", "peninsula", "desert", "coast", "strait", "gulf",
    "airport", "village", "town", "territory", "territories", "kingdom", "republic", "hills",
    "heights", "plain", "plains", "basin", "delta", "canyon", "falls", "harbour", "harbor",
    "port", "beach", "forest", "reservoir", "canal", "highway", "boulevard", "lane", "plaza",
    "prefecture", "oblast", "governorate", "municipality", "borough", "township", "emirate",
    "archipelago", "glacier", "volcano", "dam", "station", "quarter", "camp", "strip", "bank",
]);

word_set!(is_place_name, "Countries, capitals, large cities and regions: a name known to be a place.", [
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia",
    "australia", "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados",
    "belarus", "belgium", "belize", "benin", "bhutan", "bolivia", "bosnia", "botswana", "brazil",
    "brunei", "bulgaria", "burkina", "burundi", "cambodia", "cameroon", "canada", "chad", "chile",
    "china", "colombia", "comoros", "congo", "croatia", "cuba", "cyprus", "czechia", "denmark",
    "djibouti", "dominica", "ecuador", "egypt", "eritrea", "estonia", "eswatini", "ethiopia",
    "fiji", "finland", "france", "gabon", "gambia", "georgia", "germany", "ghana", "greece",
    "grenada", "guatemala", "guinea", "guyana", "haiti", "honduras", "hungary", "iceland", "india",
    "indonesia", "iran", "iraq", "ireland", "israel", "italy", "jamaica", "japan", "jordan",
    "kazakhstan", "kenya", "kiribati", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia",
    "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania", "luxembourg",
    "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius",
    "mexico", "micronesia", "moldova", "monaco", "mongolia", "montenegro", "morocco",
    "mozambique", "myanmar", "burma", "namibia", "nauru", "nepal", "netherlands", "holland",
    "nicaragua", "niger", "nigeria", "norway", "oman", "pakistan", "palau", "palestine",
    "panama", "paraguay", "peru", "philippines", "poland", "portugal", "qatar", "romania",
    "russia", "rwanda", "samoa", "senegal", "serbia", "seychelles", "singapore", "slovakia",
    "slovenia", "somalia", "spain", "sudan", "suriname", "sweden", "switzerland", "syria",
    "taiwan", "tajikistan", "tanzania", "thailand", "togo", "tonga", "tunisia", "turkey",
    "turkiye", "turkmenistan", "tuvalu", "uganda", "ukraine", "uruguay", "uzbekistan",
    "vanuatu", "venezuela", "vietnam", "yemen", "zambia", "zimbabwe", "england", "scotland",
    "wales", "britain", "america", "u.s.", "u.s", "us", "usa", "uk", "u.k.", "uae", "gaza",
    "crimea", "kashmir", "tibet", "xinjiang", "catalonia", "kurdistan", "donbas", "sahel",
    "europe", "asia", "africa", "antarctica", "oceania", "arctic", "balkans", "caribbean",
    "scandinavia", "siberia", "patagonia", "mesopotamia", "levant", "korea", "sri", "lanka",
    "kabul", "tirana", "algiers", "luanda", "yerevan", "canberra", "vienna", "baku", "dhaka",
    "minsk", "brussels", "sarajevo", "brasilia", "sofia", "ottawa", "santiago", "beijing",
    "bogota", "havana", "nicosia", "prague", "copenhagen", "cairo", "tallinn", "addis", "ababa",
    "helsinki", "paris", "tbilisi", "berlin", "accra", "athens", "budapest", "reykjavik",
    "delhi", "jakarta", "tehran", "baghdad", "dublin", "jerusalem", "rome", "tokyo", "amman",
    "astana", "nairobi", "pristina", "riga", "beirut", "tripoli", "vilnius", "mexico", "chisinau",
    "rabat", "kathmandu", "amsterdam", "wellington", "managua", "niamey", "abuja", "lagos",
    "pyongyang", "oslo", "islamabad", "ramallah", "lima", "manila", "warsaw", "lisbon", "doha",
    "bucharest", "moscow", "kigali", "riyadh", "dakar", "belgrade", "bratislava", "ljubljana",
    "mogadishu", "madrid", "khartoum", "stockholm", "bern", "geneva", "zurich", "damascus",
    "taipei", "bangkok", "tunis", "ankara", "istanbul", "kampala", "kyiv", "kiev", "kharkiv",
    "odesa", "odessa", "lviv", "montevideo", "tashkent", "caracas", "hanoi", "sanaa", "lusaka",
    "harare", "london", "washington", "york", "chicago", "boston", "houston", "seattle",
    "atlanta", "miami", "dallas", "denver", "philadelphia", "detroit", "angeles", "francisco",
    "sydney", "melbourne", "toronto", "montreal", "vancouver", "shanghai", "mumbai", "karachi",
    "lahore", "kolkata", "chennai", "bangalore", "hong", "kong", "osaka", "seoul", "dubai",
    "johannesburg", "cape", "durban", "mombasa", "alexandria", "casablanca", "marseille", "lyon",
    "munich", "hamburg", "frankfurt", "milan", "naples", "barcelona", "valencia", "seville",
    "porto", "rotterdam", "antwerp", "manchester", "birmingham", "liverpool", "glasgow",
    "edinburgh", "belfast", "cardiff", "quebec", "california", "texas", "florida", "ohio",
    "michigan", "pennsylvania", "virginia", "iowa", "nevada", "arizona", "colorado", "utah",
    "oregon", "alaska", "hawaii", "kentucky", "tennessee", "alabama", "mississippi", "louisiana",
    "carolina", "wisconsin", "minnesota", "missouri", "kansas", "nebraska", "oklahoma",
    "arkansas", "indiana", "illinois", "massachusetts", "connecticut", "maryland", "delaware",
    "vermont", "maine", "montana", "idaho", "wyoming", "dakota", "jersey", "hampshire",
    "bavaria", "saxony", "tuscany", "sicily", "sardinia", "corsica", "normandy", "brittany",
    "andalusia", "galicia", "flanders", "wallonia", "ontario", "alberta", "punjab", "bengal",
    "sindh", "gujarat", "kerala", "bihar", "darfur", "kurdistan", "sinai", "mecca", "medina",
    "fallujah", "mosul", "basra", "aleppo", "homs", "idlib", "raqqa", "kandahar", "herat",
    "mariupol", "donetsk", "luhansk", "kherson", "zaporizhzhia", "bakhmut", "sevastopol",
]);

word_set!(is_demonym, "Nationality and group adjectives: capitalised but not names.", [
    "american", "americans", "british", "english", "french", "german", "germans", "italian",
    "spanish", "portuguese", "dutch", "belgian", "swiss", "austrian", "swedish", "norwegian",
    "danish", "finnish", "polish", "russian", "russians", "ukrainian", "ukrainians", "chinese",
    "japanese", "korean", "indian", "pakistani", "afghan", "iranian", "iraqi", "syrian",
    "israeli", "israelis", "palestinian", "palestinians", "egyptian", "saudi", "turkish",
    "greek", "african", "african-american", "european", "europeans", "asian", "arab", "arabs",
    "muslim", "muslims", "christian", "christians", "jewish", "jews", "catholic", "catholics",
    "protestant", "hindu", "buddhist", "sunni", "shia", "shiite", "kurdish", "kurds", "nigerian",
    "kenyan", "ethiopian", "somali", "sudanese", "mexican", "mexicans", "canadian", "brazilian",
    "argentine", "chilean", "colombian", "venezuelan", "cuban", "australian", "irish", "scottish",
    "welsh", "latino", "latinos", "hispanic", "hispanics", "western", "eastern", "northern",
    "southern", "republican", "republicans", "democrat", "democrats", "democratic",
    "conservative", "conservatives", "liberal", "liberals", "socialist", "communist",
    "islamic", "islamist", "islamists", "soviet", "nato-led", "internet", "english-language",
]);

/// All-caps words that are not acronyms of an organisation but emphasis or units.
pub fn is_common_acronym_word(folded: &str) -> bool {
    matches!(folded, "ok" | "am" | "pm" | "a.m" | "p.m" | "tv" | "ceo" | "gdp" | "covid" | "pdf" | "faq")
}
