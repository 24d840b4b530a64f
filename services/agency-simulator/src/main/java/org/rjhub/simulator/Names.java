package org.rjhub.simulator;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Small built-in name lists, with the nicknames and misspellings agencies really produce. */
final class Names {

    /** Forenames; a nickname list where people commonly go by one. */
    static final Map<String, List<String>> FORENAMES = Map.ofEntries(
            Map.entry("William", List.of("Bill", "Will")),
            Map.entry("Robert", List.of("Bob", "Rob")),
            Map.entry("James", List.of("Jim", "Jamie")),
            Map.entry("Michael", List.of("Mike", "Mick")),
            Map.entry("Thomas", List.of("Tom")),
            Map.entry("Daniel", List.of("Dan", "Danny")),
            Map.entry("Christopher", List.of("Chris")),
            Map.entry("Anthony", List.of("Tony")),
            Map.entry("Stephen", List.of("Steve")),
            Map.entry("Joseph", List.of("Joe")),
            Map.entry("Matthew", List.of("Matt")),
            Map.entry("Alexander", List.of("Alex")),
            Map.entry("Oliver", List.of("Ollie")),
            Map.entry("Mohammed", List.of()),
            Map.entry("Kwame", List.of()),
            Map.entry("Piotr", List.of()),
            Map.entry("Ravi", List.of()),
            Map.entry("Connor", List.of()),
            Map.entry("Margaret", List.of("Maggie", "Peggy")),
            Map.entry("Elizabeth", List.of("Liz", "Beth")),
            Map.entry("Katherine", List.of("Kate", "Kathy")),
            Map.entry("Rebecca", List.of("Becky")),
            Map.entry("Victoria", List.of("Vicky")),
            Map.entry("Samantha", List.of("Sam")),
            Map.entry("Jennifer", List.of("Jen", "Jenny")),
            Map.entry("Deborah", List.of("Debbie")),
            Map.entry("Susan", List.of("Sue")),
            Map.entry("Patricia", List.of("Pat", "Trish")),
            Map.entry("Charlotte", List.of("Charlie")),
            Map.entry("Abigail", List.of("Abbie")),
            Map.entry("Amelia", List.of("Millie")),
            Map.entry("Chloe", List.of()),
            Map.entry("Priya", List.of()),
            Map.entry("Aisha", List.of()),
            Map.entry("Agnieszka", List.of()),
            Map.entry("Grace", List.of()),
            Map.entry("Sophie", List.of()),
            Map.entry("Zainab", List.of()));

    /** Forenames in a fixed order, so that draws do not depend on map iteration order. */
    static final List<String> FORENAME_LIST =
            FORENAMES.keySet().stream().sorted().toList();

    /** Surnames: common English ones (so term frequency matters) and some rarer ones. */
    static final List<String> SURNAMES = List.of(
            "Smith",
            "Smith",
            "Smith",
            "Jones",
            "Jones",
            "Taylor",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Johnson",
            "Davies",
            "Patel",
            "Patel",
            "Robinson",
            "Wright",
            "Thompson",
            "Evans",
            "Walker",
            "White",
            "Roberts",
            "Green",
            "Hall",
            "Wood",
            "Jackson",
            "Clarke",
            "Khan",
            "Begum",
            "Hussain",
            "Okafor",
            "Mensah",
            "Nowak",
            "Kowalski",
            "O'Brien",
            "Fitzgerald",
            "Pemberton",
            "Ashworth",
            "Sutcliffe",
            "Whitlock",
            "Hargreaves",
            "Oyelaran",
            "Szymanski",
            "MacLeod",
            "Featherstone",
            "Bramwell");

    /**
     * The first words of street names: trees, birds, buildings, people and places, as English streets are named, with
     * few sharing their first four letters (what the household blocking rule keys on).
     */
    static final List<String> STREET_WORDS = List.of(
            "High",
            "Church",
            "Station",
            "Mill",
            "Victoria",
            "London",
            "Park",
            "Queens",
            "Manor",
            "Orchard",
            "Hawthorn",
            "Meadow",
            "Willow",
            "Brook",
            "Kings",
            "Elm",
            "Chestnut",
            "Rectory",
            "Maple",
            "Ash",
            "Beech",
            "Birch",
            "Cedar",
            "Hazel",
            "Holly",
            "Larch",
            "Oak",
            "Rowan",
            "Yew",
            "Poplar",
            "Sycamore",
            "Laurel",
            "Blackbird",
            "Kestrel",
            "Lapwing",
            "Heron",
            "Magpie",
            "Swallow",
            "Wren",
            "Falcon",
            "Abbey",
            "Bridge",
            "Castle",
            "Chapel",
            "College",
            "Forge",
            "Market",
            "Priory",
            "School",
            "Tower",
            "Windmill",
            "Albert",
            "Alexandra",
            "Beaufort",
            "Chaucer",
            "Clarence",
            "Cromwell",
            "Darwin",
            "Dickens",
            "Elgar",
            "Gladstone",
            "Kipling",
            "Milton",
            "Nelson",
            "Tennyson",
            "Wellington",
            "Fairfield",
            "Greenway",
            "Harvey",
            "Ingleby",
            "Juniper",
            "Knight",
            "Lambourne",
            "Norfolk",
            "Osborne",
            "Primrose",
            "Quarry",
            "Ridgeway",
            "Sandpit",
            "Thornton",
            "Upland",
            "Vicarage",
            "Warren",
            "Coronation",
            "Jubilee",
            "Stour",
            "Colne",
            "Blackwater",
            "Roding",
            "Crouch",
            "Chelmer",
            "Epping",
            "Writtle",
            "Danbury",
            "Tiptree",
            "Coggeshall",
            "Dedham",
            "Mersea",
            "Ongar",
            "Rayleigh",
            "Hockley",
            "Canvey",
            "Tilbury",
            "Grays");

    static final List<String> STREET_TYPES = List.of(
            "Road", "Street", "Lane", "Close", "Drive", "Avenue", "Way", "Crescent", "Gardens", "Grove", "Walk");

    static final List<String> LOCALITIES = List.of("Old Town", "North Ward", "Parkside", "Riverside", "Hillcrest");

    private Names() {}

    static String forename(RandomGenerator random) {
        return pick(random, FORENAME_LIST);
    }

    static String surname(RandomGenerator random) {
        return pick(random, SURNAMES);
    }

    /** A nickname of the forename, or the forename itself when there is none. */
    static String nickname(RandomGenerator random, String forename) {
        var nicknames = FORENAMES.getOrDefault(forename, List.of());
        return nicknames.isEmpty() ? forename : pick(random, nicknames);
    }

    static boolean hasNickname(String forename) {
        return !FORENAMES.getOrDefault(forename, List.of()).isEmpty();
    }

    /**
     * One keying error: two neighbouring letters swapped, a letter dropped, a letter doubled or a letter
     * replaced by its keyboard neighbour. Never changes the first letter, which people rarely get wrong.
     */
    static String typo(RandomGenerator random, String name) {
        if (name.length() < 4) {
            return name + name.charAt(name.length() - 1);
        }
        int at = 1 + random.nextInt(name.length() - 2);
        var chars = name.toCharArray();
        return switch (random.nextInt(4)) {
            case 0 -> {
                if (chars[at] == chars[at + 1]) {
                    yield name.substring(0, at) + name.substring(at + 1);
                }
                var c = chars[at];
                chars[at] = chars[at + 1];
                chars[at + 1] = c;
                yield new String(chars);
            }
            case 1 -> name.substring(0, at) + name.substring(at + 1);
            case 2 -> name.substring(0, at) + chars[at] + name.substring(at);
            default -> {
                var neighbour = keyboardNeighbour(chars[at]);
                chars[at] = neighbour;
                yield new String(chars);
            }
        };
    }

    private static char keyboardNeighbour(char c) {
        var rows = List.of("qwertyuiop", "asdfghjkl", "zxcvbnm");
        var lower = Character.toLowerCase(c);
        for (var row : rows) {
            int i = row.indexOf(lower);
            if (i >= 0) {
                char n = row.charAt(i + 1 < row.length() ? i + 1 : i - 1);
                return Character.isUpperCase(c) ? Character.toUpperCase(n) : n;
            }
        }
        return c == 'x' ? 'y' : 'x';
    }

    /**
     * One of the (at most) two streets a postcode covers, as a UK postcode unit covers a street or part of one: the
     * same postcode always gives the same streets, so that a household's street follows its postcode.
     *
     * @param draw a random number; its parity picks one of the two streets
     */
    static String street(String postcode, int draw) {
        int h = postcode.hashCode() * 31 + (draw & 1);
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return STREET_WORDS.get(Math.floorMod(h, STREET_WORDS.size())) + " "
                + STREET_TYPES.get(Math.floorMod(h / STREET_WORDS.size(), STREET_TYPES.size()));
    }

    static <T> T pick(RandomGenerator random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
