// SPDX-License-Identifier: Apache-2.0
// The English news lexicon (for the mostly-ASCII variant), written by the safi
// team.
//
// Every sentence and phrase here is original. Template syntax is described in
// story.h. English has no verb gender, so both forms of a Gendered or a verb
// are usually the same; [his|her] choices still follow the sentence's person.

#include <string_view>

#include "story.h"

namespace safi::corpus::internal {
namespace {

using SV = std::string_view;

constexpr SV kMaleFirst[] = {
    "James",  "Omar",  "Daniel", "Marco", "Hassan", "Tom",   "Yusuf",
    "Carlos", "Kofi",  "Ravi",   "Peter", "Samir",  "Lukas", "Andre",
    "Malik",  "Ethan", "Karim",  "Felix", "Jonah",  "Idris",
};
constexpr SV kFemaleFirst[] = {
    "Sarah", "Layla",  "Priya", "Elena", "Mei",   "Grace", "Nadia",
    "Anna",  "Ingrid", "Chloe", "Amira", "Julia", "Rosa",  "Hiba",
    "Fiona", "Zara",   "Leila", "Maya",  "Noor",  "Clara",
};
constexpr SV kFamily[] = {
    "Miller",    "Haddad", "Okafor", "Schmidt",   "Nakamura", "Rossi",
    "Fernandes", "Novak",  "Clarke", "Lindqvist", "Mensah",   "Kaur",
    "Dubois",    "Walsh",  "Petrov", "Alvarez",   "Chen",     "Osei",
    "Brennan",   "Farouk", "Saleh",  "Moreau",    "Quinn",    "Aziz",
};
constexpr SV kForeignNames[] = {
    "Hiroshi Sato|Hiroshi Sato|m",
    "Ana Lucia Costa|Ana Lucia Costa|f",
    "Jean-Luc Martin|Jean-Luc Martin|m",
    "Oksana Bondar|Oksana Bondar|f",
};

constexpr Gendered kRoles[] = {
    {"a spokesman for the ministry", "a spokeswoman for the ministry"},
    {"a senior official", "a senior official"},
    {"a professor at the University of {city}",
     "a professor at the University of {city}"},
    {"a researcher at the Centre for Regional Studies",
     "a researcher at the Centre for Regional Studies"},
    {"the head of the organising committee",
     "the head of the organising committee"},
};

constexpr SayVerb kSayVerbs[] = {
    {"said", "said", "that"},
    {"told reporters", "told reporters", "that"},
    {"stressed", "stressed", "that"},
    {"noted", "noted", "that"},
    {"warned", "warned", "that"},
    {"argued", "argued", "that"},
    {"confirmed", "confirmed", "that"},
    {"explained", "explained", "that"},
    {"added", "added", "that"},
    {"insisted", "insisted", "that"},
};

constexpr ActionVerb kActionVerbs[] = {
    {"plans to", "plans to", "planned to", "planned to", ""},
    {"is working to", "is working to", "worked to", "worked to", ""},
    {"has pledged to", "has pledged to", "pledged to", "pledged to", ""},
    {"expects to", "expects to", "expected to", "expected to", ""},
    {"aims to", "aims to", "aimed to", "aimed to", ""},
    {"is preparing to", "is preparing to", "prepared to", "prepared to", ""},
    {"has agreed to", "has agreed to", "agreed to", "agreed to", ""},
    {"intends to", "intends to", "intended to", "intended to", ""},
    {"is under pressure to", "is under pressure to", "came under pressure to",
     "came under pressure to", ""},
    {"wants to", "wants to", "wanted to", "wanted to", ""},
};

constexpr ChangeVerb kChangeVerbs[] = {
    {"rose", "rose", "rise", "rise"},
    {"fell", "fell", "fall", "fall"},
    {"climbed", "climbed", "climb", "climb"},
    {"dropped", "dropped", "drop", "drop"},
    {"grew", "grew", "grow", "grow"},
    {"slipped", "slipped", "slip", "slip"},
};

constexpr Noun kSubjects[] = {
    {"the government", false},    {"the ministry", false},
    {"the committee", false},     {"the city council", false},
    {"local authorities", false}, {"the regulator", false},
    {"the agency", false},        {"the board", false},
};

constexpr Noun kMetrics[] = {
    {"the number of applications", false},
    {"overall satisfaction", false},
    {"operating costs", false},
    {"public spending on the programme", false},
};

constexpr SV kVerbalNouns[] = {
    "expand",
    "upgrade",
    "review",
    "simplify",
    "fund",
    "modernise",
    "speed up",
    "overhaul",
    "protect",
    "launch",
    "restructure",
    "strengthen",
    "cut the cost of",
    "extend",
    "digitise",
    "reform",
    "rebuild",
    "audit",
    "double investment in",
};

constexpr SV kNounPhrases[] = {
    "public services",          "rural infrastructure",
    "vocational training",      "its partnership with the private sector",
    "internal oversight rules", "the national statistics system",
};

constexpr SV kAdjuncts[] = {
    "by the end of the year",
    "within {small} months",
    "by {year}",
    "at a cost of about {money}",
    "in partnership with {org}",
    "over the next decade",
    "before the summer",
    "despite the current economic pressures",
    "with support from {acronym_org}",
    "",
    "",
    "",
};

constexpr SV kQuotes[] = {
    "We are working to {masdar} {np} {adj}",
    "This is the start of a new phase for the whole region",
    "We will not accept any further delays",
    "The numbers speak for themselves, but there is a long way to go",
    "Our doors are open to every partner who shares these goals",
    "What we have achieved so far is only the beginning",
    "The challenges are real, and so is our determination",
    "There is no real development without the effort to {masdar} {np}",
    "Our priority today is simple: {masdar} {np}",
    "We learned a lot from last year; we will not repeat the same mistakes",
};

constexpr SV kLeads[] = {
    "{prop} {adj}, {person}, {role}, {say} on {weekday}",
    "{person}, {role}, {say} on {weekday} {comp} {prop} {adj}",
    "{vso} {adj}, according to a statement released on {weekday}",
    "{vso} {adj} in a move that officials described as long overdue",
};

constexpr SV kSentences[] = {
    "{person}, {role}, {say} {comp} {prop} {adj}",
    "{vso} {adj}",
    "In a related development, {vso}",
    "{qopen}{quote_plain},{qclose} {person} told {outlet}",
    "[He|She] added that {prop}",
    "{had} in {date}",
    "The move comes as {event} opens in {city}",
    "A statement issued by {org} said {prop}",
    "Officials said the project would cost around {money} and should be "
    "completed by {year}",
    "Critics argue that {subject} has moved too slowly",
    "More than {count} people attended the opening of {event} in {city}",
    "It is the first initiative of its kind in {country}, and {prop}",
    "At the end of the meeting, both sides agreed to {masdar} {np}",
    "A report by {acronym_org} found that {prop}",
    "A survey by the University of {city} found that {pct} of respondents "
    "support the plan",
    "{metric} {rise} by {pct} in {period}",
    "Analysts expect {metric} to {will_rise} by {pct} by the end of {year}",
    "No official comment was available from {org} at the time of writing",
    "Will the current efforts be enough to {masdar} {np} before the deadline?",
    "{person} asked: {qopen}{question}?{qclose}",
    "The plan includes {small} main pillars, chief among them the effort to "
    "{masdar} {np}",
    "Field teams are working around the clock to {masdar} {np}",
    "Observers say the decision to {masdar} {np} can no longer be postponed",
    "Talks on the issue are continuing; an announcement is expected {adv}",
    "International expert {foreign} said {prop}",
};

constexpr SV kTitles[] = {
    "{prop}",
    "{country} moves to {masdar} {np}",
    "{city} to host {event}",
    "{person}: {qopen}{quote_plain}{qclose}",
    "{metric} {rise} {pct} in {country}",
    "Can the new plan {masdar} {np}?",
    "New plan to {masdar} {np} {adj}",
};

constexpr SV kMonths[] = {"January",   "February", "March",    "April",
                          "May",       "June",     "July",     "August",
                          "September", "October",  "November", "December"};
constexpr SV kShortMonths[] = {"Jan.",  "Feb.", "March", "April",
                               "May",   "June", "July",  "Aug.",
                               "Sept.", "Oct.", "Nov.",  "Dec."};
constexpr SV kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                            "Thursday", "Friday", "Saturday"};
constexpr SV kCurrencies[] = {"dollars", "euros", "dirhams", "riyals",
                              "pounds"};
constexpr SV kThousand[] = {",000", " thousand"};
constexpr SV kPercentWords[] = {"per cent", "percent"};
constexpr SV kLatinOrgs[] = {
    "the International Monetary Fund|IMF",
    "the World Health Organization|WHO",
    "the International Energy Agency|IEA",
    "the Food and Agriculture Organization|FAO",
    "the International Labour Organization|ILO",
    "the World Food Programme|WFP",
};
constexpr SV kBrands[] = {
    "Nexora",        "Qamar Telecom", "Sahel Digital",
    "BlueDune Labs", "OasisPay",      "Falcon Robotics",
    "MedinaCloud",   "Rimal Systems", "Anwar Solar",
};

constexpr SV kCities[] = {
    "Dubai",   "Cairo",  "Amman",  "Riyadh",  "Doha",       "Beirut",
    "Muscat",  "Rabat",  "Tunis",  "London",  "Paris",      "Berlin",
    "Geneva",  "Madrid", "Lisbon", "Nairobi", "Singapore",  "Toronto",
    "Chicago", "Lagos",  "Oslo",   "Vienna",  "Manchester", "Osaka",
};
constexpr SV kCountries[] = {
    "Jordan",   "Egypt",  "Morocco", "Oman",    "Kenya",   "Norway",
    "Portugal", "Canada", "Japan",   "Brazil",  "Ireland", "Malaysia",
    "Chile",    "Ghana",  "Tunisia", "Finland", "Mexico",  "New Zealand",
};
constexpr SV kOrgs[] = {
    "the Ministry of Planning",
    "the Investment Authority",
    "the Chamber of Commerce",
    "the National University",
    "the Regional Development Fund",
    "the Consumer Protection Association",
    "the Central Statistics Office",
    "the Roads Authority",
    "the Harbour Trust",
    "the Youth Council",
};
constexpr SV kOutlets[] = {"the Morning Post", "Channel 8 News",
                           "the regional wire service", "Business Weekly",
                           "City Radio"};
constexpr SV kPeople[] = {"residents",  "students",         "investors",
                          "patients",   "farmers",          "young people",
                          "pensioners", "small businesses", "commuters"};
constexpr SV kPeriods[] = {"the first quarter", "the first half of the year",
                           "{month}",           "the past week",
                           "the last year",     "the third quarter"};
constexpr SV kQuestions[] = {
    "Who will pay for these delays",
    "Why are we not learning from our neighbours",
    "What is stopping us from starting today",
    "Do we have the people we need for this",
};
constexpr SV kAdverbs[] = {"soon", "within days", "early next week",
                           "before the end of the month"};
constexpr SV kEvents[] = {"the Regional Development Forum",
                          "the International Trade Fair",
                          "the Smart Cities Summit", "the Youth Conference"};
constexpr SV kRisks[] = {"rising living costs", "delays to major projects",
                         "a shortage of skilled workers"};
constexpr SV kSectors[] = {"tourism", "logistics", "manufacturing",
                           "agriculture"};
constexpr SV kTeams[] = {"Harbour City",       "Northgate United",
                         "Riverside Athletic", "Red Falcons",
                         "Desert Stars",       "Coastal Rovers"};
constexpr SV kStadiums[] = {"the National Stadium", "Riverside Park",
                            "the Olympic Arena"};
constexpr SV kOrdinals[] = {"first", "second", "third",   "fourth",
                            "fifth", "sixth",  "seventh", "eighth"};
constexpr SV kPlaces[] = {"the Cultural Centre", "the Old Town Hall",
                          "the City Theatre", "the Harbour Gallery"};
constexpr SV kSeas[] = {"the Red Sea", "the Mediterranean", "the Arabian Sea"};
constexpr SV kAlso[] = {"also", "again"};
constexpr SV kPages[] = {"120", "240", "318", "96", "450"};

constexpr ListSlot kLists[] = {
    {"city", MakeSpan(kCities)},        {"country", MakeSpan(kCountries)},
    {"org", MakeSpan(kOrgs)},           {"outlet", MakeSpan(kOutlets)},
    {"people", MakeSpan(kPeople)},      {"period", MakeSpan(kPeriods)},
    {"question", MakeSpan(kQuestions)}, {"adv", MakeSpan(kAdverbs)},
    {"event", MakeSpan(kEvents)},       {"risk", MakeSpan(kRisks)},
    {"sector", MakeSpan(kSectors)},     {"team", MakeSpan(kTeams)},
    {"stadium", MakeSpan(kStadiums)},   {"ordinal", MakeSpan(kOrdinals)},
    {"place", MakeSpan(kPlaces)},       {"sea", MakeSpan(kSeas)},
    {"also", MakeSpan(kAlso)},          {"pages", MakeSpan(kPages)},
};

// --- Categories -----------------------------------------------------------

constexpr Gendered kPoliticsRoles[] = {
    {"the foreign minister", "the foreign minister"},
    {"a member of parliament", "a member of parliament"},
    {"the government spokesman", "the government spokeswoman"},
};
constexpr Noun kPoliticsSubjects[] = {
    {"parliament", false}, {"the cabinet", false}, {"the opposition", false}};
constexpr Noun kPoliticsMetrics[] = {{"voter turnout", false},
                                     {"support for the coalition", false}};
constexpr SV kPoliticsNounPhrases[] = {
    "bilateral relations",     "the electoral law",     "border cooperation",
    "the ceasefire agreement", "anti-corruption rules", "the local councils",
};
constexpr SV kPoliticsSentences[] = {
    "Parliament passed the bill by {num} votes to {small}",
    "Opposition parties called on the government to {masdar} {np}, warning of "
    "{risk}",
    "The next round of talks is due to begin in {city} early next month",
};
constexpr SV kPoliticsTitles[] = {
    "Parliament votes to {masdar} {np}",
    "Talks in {city} aim to {masdar} {np}",
};

constexpr Gendered kEconomyRoles[] = {
    {"the finance minister", "the finance minister"},
    {"the central bank governor", "the central bank governor"},
    {"chief executive of {brand}", "chief executive of {brand}"},
    {"an economist at {org}", "an economist at {org}"},
};
constexpr Noun kEconomySubjects[] = {{"the central bank", false},
                                     {"the company", false},
                                     {"the sovereign fund", false}};
constexpr Noun kEconomyMetrics[] = {
    {"inflation", false},
    {"non-oil exports", false},
    {"the main share index", false},
    {"unemployment", false},
    {"gold prices", false},
    {"remittances", false},
};
constexpr SV kEconomyNounPhrases[] = {
    "foreign direct investment", "the tourism sector", "small business lending",
    "the port network",          "the public debt",    "the housing market",
};
constexpr SV kEconomySentences[] = {
    "The main index closed {weekday}'s session at {index} points",
    "The central bank left its benchmark rate unchanged at {pct}",
    "The deal is worth about {money}, the company said in a filing",
    "The plan aims to raise the share of {sector} in GDP to {pct} by {year}",
};
constexpr SV kEconomyTitles[] = {
    "Central bank holds rates at {pct}",
    "{metric} hits highest level since {year}",
};

constexpr Gendered kSportsRoles[] = {
    {"the head coach", "the head coach"},
    {"the team captain", "the team captain"},
    {"the club president", "the club president"},
};
constexpr Noun kSportsSubjects[] = {{"the club", false},
                                    {"the football federation", false},
                                    {"the national team", false}};
constexpr Noun kSportsMetrics[] = {{"attendance", false},
                                   {"ticket revenue", false}};
constexpr SV kSportsNounPhrases[] = {
    "the youth academy",
    "the national stadium",
    "the women's league",
    "the scouting network",
    "the video assistant referee (VAR) system",
};
constexpr SV kSportsSentences[] = {
    "The team beat {team} {score} at {stadium}",
    "{person} scored the winner after {minute} minutes",
    "The club is {ordinal} in the table with {num} points",
    "{person} picked up a knee injury that will keep [him|her] out for {small} "
    "weeks",
};
constexpr SV kSportsTitles[] = {"{team} beat {team} to go top",
                                "Injury rules {person} out of derby"};

constexpr Gendered kCultureRoles[] = {
    {"the novelist", "the novelist"},
    {"the festival director", "the festival director"},
    {"the film director", "the film director"}};
constexpr Noun kCultureSubjects[] = {{"the museum", false},
                                     {"the arts council", false},
                                     {"the publisher", false}};
constexpr Noun kCultureMetrics[] = {{"ticket sales", false},
                                    {"book sales", false}};
constexpr SV kCultureNounPhrases[] = {"the old city's heritage", "local cinema",
                                      "public libraries", "traditional crafts",
                                      "school theatre"};
constexpr SV kCultureSentences[] = {
    "The exhibition brings together more than {num} works by artists from "
    "{small} countries",
    "The novel, published by {place} Press, runs to {pages} pages",
    "Performances continue until {date}, with two shows a day",
};
constexpr SV kCultureTitles[] = {"{event} opens with {count} visitors",
                                 "New novel by {person} revisits {city}"};

constexpr Gendered kTechnologyRoles[] = {
    {"chief executive of {brand}", "chief executive of {brand}"},
    {"a software engineer", "a software engineer"},
    {"a cybersecurity expert", "a cybersecurity expert"},
};
constexpr Noun kTechnologySubjects[] = {{"the start-up", false},
                                        {"the telecoms regulator", false},
                                        {"the university", false}};
constexpr Noun kTechnologyMetrics[] = {{"app downloads", false},
                                       {"start-up funding", false},
                                       {"average broadband speed", false}};
constexpr SV kTechnologyNounPhrases[] = {
    "cloud services",
    "5G coverage",
    "data protection",
    "digital payments",
    "artificial intelligence (AI) tools",
    "cybersecurity defences",
};
constexpr SV kTechnologySentences[] = {
    "{brand} launched an app that lets users finish paperwork without visiting "
    "a branch",
    "The system uses AI to analyse {num} million transactions a day",
};
constexpr SV kTechnologyTitles[] = {"{brand} unveils platform to {masdar} {np}",
                                    "{country} switches on 5G in {num} cities"};

constexpr Gendered kHealthRoles[] = {
    {"the health minister", "the health minister"},
    {"a cardiologist", "a cardiologist"},
    {"the hospital director", "the hospital director"},
};
constexpr Noun kHealthSubjects[] = {{"the health ministry", false},
                                    {"the university hospital", false}};
constexpr Noun kHealthMetrics[] = {{"vaccination rates", false},
                                   {"waiting times", false},
                                   {"hospital admissions", false}};
constexpr SV kHealthNounPhrases[] = {"primary care", "emergency departments",
                                     "mental health services",
                                     "vaccination programmes", "nursing staff"};
constexpr SV kHealthSentences[] = {
    "Mobile clinics offer free PCR tests at {num} sites",
    "Walking for {num} minutes a day lowers the risk of heart disease, "
    "[he|she] said",
};
constexpr SV kHealthTitles[] = {"Vaccination drive reaches {num} districts",
                                "Study links good sleep to a healthier heart"};

constexpr Gendered kLocalRoles[] = {
    {"the mayor of {city}", "the mayor of {city}"},
    {"the fire chief", "the fire chief"}};
constexpr Noun kLocalSubjects[] = {{"the council", false},
                                   {"the water company", false}};
constexpr Noun kLocalMetrics[] = {{"road accidents", false}, {"rents", false}};
constexpr SV kLocalNounPhrases[] = {"the ring road", "public parks",
                                    "street lighting", "bus services",
                                    "the water network"};
constexpr SV kLocalSentences[] = {
    "Traffic backed up across {city} on {weekday} morning because of roadworks",
    "Forecasters expect temperatures to reach {temp}C over the weekend",
};
constexpr SV kLocalTitles[] = {"Ring road partly closed for {small} days",
                               "Heavy rain floods streets in {city}"};

constexpr Gendered kWorldRoles[] = {{"the UN envoy", "the UN envoy"},
                                    {"the EU ambassador", "the EU ambassador"}};
constexpr Noun kWorldSubjects[] = {{"the United Nations", false},
                                   {"the European Union", false},
                                   {"the World Bank", false}};
constexpr Noun kWorldMetrics[] = {{"shipping rates", false},
                                  {"global growth", false}};
constexpr SV kWorldNounPhrases[] = {"humanitarian aid", "maritime security",
                                    "reconstruction efforts",
                                    "the free trade agreement"};
constexpr SV kWorldSentences[] = {
    "{acronym_org} warned that more than {count} people need urgent help",
    "The Security Council held an emergency session on the situation in "
    "{country}",
};
constexpr SV kWorldTitles[] = {"{acronym_org} warns of worsening crisis",
                               "{country} and {country} sign deal to {masdar} "
                               "{np}"};

constexpr Gendered kEnvironmentRoles[] = {
    {"a climate scientist", "a climate scientist"},
    {"the head of the environment agency",
     "the head of the environment agency"},
};
constexpr Noun kEnvironmentSubjects[] = {{"the environment agency", false},
                                         {"the water authority", false}};
constexpr Noun kEnvironmentMetrics[] = {{"carbon emissions", false},
                                        {"rainfall", false},
                                        {"sea temperatures", false}};
constexpr SV kEnvironmentNounPhrases[] = {
    "renewable energy", "nature reserves", "air quality",
    "waste collection", "coral reefs",     "coastal wetlands"};
constexpr SV kEnvironmentSentences[] = {
    "Volunteers planted more than {count} trees along the coast",
    "Warming waters threaten coral reefs in {sea}, researchers warned",
};
constexpr SV kEnvironmentTitles[] = {
    "Heatwave pushes temperatures towards {temp}C",
    "{count} trees planted in coastal campaign"};

Lexicon BuildEnglishLexicon() {
  Lexicon lex{};
  lex.language = Language::kEnglish;
  lex.male_first = MakeSpan(kMaleFirst);
  lex.female_first = MakeSpan(kFemaleFirst);
  lex.family = MakeSpan(kFamily);
  lex.foreign_names = MakeSpan(kForeignNames);
  lex.roles = MakeSpan(kRoles);
  lex.say_verbs = MakeSpan(kSayVerbs);
  lex.action_verbs = MakeSpan(kActionVerbs);
  lex.change_verbs = MakeSpan(kChangeVerbs);
  lex.subjects = MakeSpan(kSubjects);
  lex.metrics = MakeSpan(kMetrics);
  lex.verbal_nouns = MakeSpan(kVerbalNouns);
  lex.noun_phrases = MakeSpan(kNounPhrases);
  lex.adjuncts = MakeSpan(kAdjuncts);
  lex.quotes = MakeSpan(kQuotes);
  lex.leads = MakeSpan(kLeads);
  lex.sentences = MakeSpan(kSentences);
  lex.titles = MakeSpan(kTitles);
  lex.months[0] = MakeSpan(kMonths);
  lex.months[1] = MakeSpan(kShortMonths);
  lex.months[2] = MakeSpan(kMonths);
  lex.weekdays = MakeSpan(kWeekdays);
  lex.currencies = MakeSpan(kCurrencies);
  lex.thousand = MakeSpan(kThousand);
  lex.percent_words = MakeSpan(kPercentWords);
  lex.latin_orgs = MakeSpan(kLatinOrgs);
  lex.brands = MakeSpan(kBrands);
  lex.lists = MakeSpan(kLists);
  lex.categories[kPolitics] = {MakeSpan(kPoliticsRoles),
                               MakeSpan(kPoliticsSubjects),
                               MakeSpan(kPoliticsMetrics),
                               MakeSpan(kPoliticsNounPhrases),
                               MakeSpan(kPoliticsSentences),
                               MakeSpan(kPoliticsTitles),
                               Span<ListSlot>{}};
  lex.categories[kEconomy] = {MakeSpan(kEconomyRoles),
                              MakeSpan(kEconomySubjects),
                              MakeSpan(kEconomyMetrics),
                              MakeSpan(kEconomyNounPhrases),
                              MakeSpan(kEconomySentences),
                              MakeSpan(kEconomyTitles),
                              Span<ListSlot>{}};
  lex.categories[kSports] = {MakeSpan(kSportsRoles),
                             MakeSpan(kSportsSubjects),
                             MakeSpan(kSportsMetrics),
                             MakeSpan(kSportsNounPhrases),
                             MakeSpan(kSportsSentences),
                             MakeSpan(kSportsTitles),
                             Span<ListSlot>{}};
  lex.categories[kCulture] = {MakeSpan(kCultureRoles),
                              MakeSpan(kCultureSubjects),
                              MakeSpan(kCultureMetrics),
                              MakeSpan(kCultureNounPhrases),
                              MakeSpan(kCultureSentences),
                              MakeSpan(kCultureTitles),
                              Span<ListSlot>{}};
  lex.categories[kTechnology] = {MakeSpan(kTechnologyRoles),
                                 MakeSpan(kTechnologySubjects),
                                 MakeSpan(kTechnologyMetrics),
                                 MakeSpan(kTechnologyNounPhrases),
                                 MakeSpan(kTechnologySentences),
                                 MakeSpan(kTechnologyTitles),
                                 Span<ListSlot>{}};
  lex.categories[kHealth] = {MakeSpan(kHealthRoles),
                             MakeSpan(kHealthSubjects),
                             MakeSpan(kHealthMetrics),
                             MakeSpan(kHealthNounPhrases),
                             MakeSpan(kHealthSentences),
                             MakeSpan(kHealthTitles),
                             Span<ListSlot>{}};
  lex.categories[kLocal] = {
      MakeSpan(kLocalRoles),     MakeSpan(kLocalSubjects),
      MakeSpan(kLocalMetrics),   MakeSpan(kLocalNounPhrases),
      MakeSpan(kLocalSentences), MakeSpan(kLocalTitles),
      Span<ListSlot>{}};
  lex.categories[kWorld] = {
      MakeSpan(kWorldRoles),     MakeSpan(kWorldSubjects),
      MakeSpan(kWorldMetrics),   MakeSpan(kWorldNounPhrases),
      MakeSpan(kWorldSentences), MakeSpan(kWorldTitles),
      Span<ListSlot>{}};
  lex.categories[kEnvironment] = {MakeSpan(kEnvironmentRoles),
                                  MakeSpan(kEnvironmentSubjects),
                                  MakeSpan(kEnvironmentMetrics),
                                  MakeSpan(kEnvironmentNounPhrases),
                                  MakeSpan(kEnvironmentSentences),
                                  MakeSpan(kEnvironmentTitles),
                                  Span<ListSlot>{}};
  return lex;
}

}  // namespace

const Lexicon& EnglishLexicon() {
  static const Lexicon lexicon = BuildEnglishLexicon();
  return lexicon;
}

}  // namespace safi::corpus::internal
