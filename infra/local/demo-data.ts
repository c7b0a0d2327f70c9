import type { FeedbackInput } from "../../shared/feedback/schema";
import type { Locale } from "../../shared/i18n/locales";

/**
 * Sample feedback for local development and demos: a fictional regional public-transport and
 * ticketing company, Lumo Transit, hearing from travellers (English, Dutch and Swedish) and from its
 * own staff about internal services. Deterministic for a given seed and `now`.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_MS = 120 * DAY_MS;
const DEFAULT_COUNT = 300;
const DEFAULT_SEED = 20_240_917;

const departments = ["IT", "Customer Service", "Sales", "Finance", "Operations"] as const;
type Department = (typeof departments)[number];
type Kind = FeedbackInput["kind"];
type CustomerType = FeedbackInput["customerType"];

/** kind, topic, message (with `{slot}`s), and for internal feedback the departments it plausibly comes from. */
type Template = readonly [kind: Kind, topic: string, text: string, from?: readonly Department[]];
type Templates = { readonly external: readonly Template[]; readonly internal: readonly Template[] };

const notIt: readonly Department[] = ["Customer Service", "Sales", "Finance", "Operations"];
const shiftWorkers: readonly Department[] = ["Customer Service", "Operations"];
const reportUsers: readonly Department[] = ["Sales", "Finance"];

const en: Templates = {
  external: [
    [
      "complaint",
      "mobile app",
      "The app logs me out every time I switch to another app. Then I'm standing at the gates logging in again with a queue behind me.",
    ],
    [
      "complaint",
      "mobile app",
      "Since updating to version {version} the app crashes as soon as I open my tickets. I'm on Android.",
    ],
    [
      "complaint",
      "ticket prices",
      "A single ticket went up again this year. For a trip of three stops it's now cheaper for me to take the car and park.",
    ],
    [
      "complaint",
      "punctuality",
      "Line {line} was {minutes} minutes late again this morning. Third time this week, and I missed my connection at {station}.",
    ],
    [
      "complaint",
      "punctuality",
      "The {time} bus from {station} simply never showed up. The display said 'on time' right until it vanished from the board.",
    ],
    ["complaint", "punctuality", "Late again. Every single day."],
    ["complaint", "customer service", "I waited 45 minutes on the phone and then got cut off. Nobody called me back."],
    [
      "complaint",
      "customer service",
      "I lost my Lumo card on Monday and reported it straight away. The website says a replacement takes five working days, but it's been two weeks and in the meantime I've paid for single tickets every day. Where is my card, and will I get those tickets refunded?",
    ],
    [
      "complaint",
      "website",
      "The journey planner on the website keeps suggesting a connection that hasn't existed for months.",
    ],
    [
      "complaint",
      "accessibility",
      "The lift at {station} has been out of order for two weeks. In my wheelchair I can't get to the platform at all, and there's no notice saying how long the repair will take.",
    ],
    [
      "complaint",
      "cleanliness",
      "The buses on line {line} are filthy in the evening. Sticky floors and rubbish under the seats.",
    ],
    [
      "complaint",
      "refunds",
      "I applied for a refund for a cancelled journey six weeks ago and still haven't heard anything.",
    ],
    [
      "complaint",
      "refunds",
      "I was charged twice for the same day pass. The app shows one ticket, my bank statement shows two payments.",
    ],
    ["complaint", "Wi-Fi on board", "The Wi-Fi on board connects, but nothing loads. Pointless."],
    ["complaint", "Wi-Fi on board", "Wi-Fi never works."],
    ["suggestion", "mobile app", "Please add a dark mode to the app. Checking departures at night is blinding."],
    [
      "suggestion",
      "mobile app",
      "It would be great if the app remembered my usual trip home so I could buy a ticket with one tap.",
    ],
    ["suggestion", "mobile app", "Let me pay with my phone wallet in the app, please."],
    [
      "suggestion",
      "ticket prices",
      "A weekend family ticket would make a real difference for us. Two adults and three kids adds up quickly.",
    ],
    [
      "suggestion",
      "website",
      "Could the website show live departures next to the timetable? At the moment I have to check two places.",
    ],
    [
      "suggestion",
      "accessibility",
      "Please announce the next stop out loud on every bus, not only on the trams. Not everyone can read the screen.",
    ],
    [
      "suggestion",
      "Wi-Fi on board",
      "Show how to connect to the Wi-Fi on the screens on board. Half the passengers don't know how.",
    ],
    [
      "suggestion",
      "punctuality",
      "Let the connecting bus at {station} wait a couple of minutes when the train is late. For you it's two minutes, for us it's half an hour.",
    ],
    [
      "suggestion",
      "cleanliness",
      "More bins at the stops, please. Especially at {station}, they're overflowing by the afternoon.",
    ],
    ["suggestion", "customer service", "A chat option on the website would be nice. Not everyone wants to phone."],
    [
      "compliment",
      "customer service",
      "The woman at the service desk at {station} sorted out my student discount in five minutes. So friendly!",
    ],
    ["compliment", "customer service", "Great service, thank you!"],
    [
      "compliment",
      "customer service",
      "Your driver waited for my 82-year-old mother at {station} and helped her with her bags. Please pass on our thanks.",
    ],
    ["compliment", "punctuality", "Line {line} has been spot on every day this month. Thanks!"],
    ["compliment", "mobile app", "The new app ({version}) is so much faster. Buying a ticket takes a few seconds now."],
    [
      "compliment",
      "accessibility",
      "The driver on line {line} got out and unfolded the ramp for my wheelchair without me having to ask. Made my day.",
    ],
    ["compliment", "cleanliness", "The new trams are really clean and quiet. Nice job."],
    ["compliment", "refunds", "Got my refund within three days, no hassle. Well done."],
    ["question", "ticket prices", "Is there a discount for over-65s, and do I have to apply for it?"],
    ["question", "ticket prices", "Do children travel free?"],
    ["question", "refunds", "How do I get a refund for an unused monthly pass? I've moved and don't need it any more."],
    ["question", "Wi-Fi on board", "Is there Wi-Fi on the regional buses too, or only on the trains?"],
    [
      "question",
      "website",
      "Where on the website can I download my receipts for the past year? My employer needs them.",
    ],
    ["question", "mobile app", "Can I keep tickets for two people on one phone?"],
    ["question", "accessibility", "Are guide dogs allowed on all lines?"],
    ["question", "punctuality", "Will line {line} run a different timetable during the summer holidays?"],
    ["question", "customer service", "What are the opening hours of the service desk at {station}?"],
  ],
  internal: [
    [
      "complaint",
      "laptop setup",
      "My new laptop arrived without the VPN client, so I couldn't work from home for the first three days.",
      notIt,
    ],
    [
      "complaint",
      "IT helpdesk",
      "The helpdesk closed my ticket as solved without checking with me. The printer on the second floor still doesn't work.",
      notIt,
    ],
    [
      "complaint",
      "expense reports",
      "Expense reports take far too long to get approved. I'm still waiting to be reimbursed for a trip two months ago.",
    ],
    [
      "complaint",
      "sales reporting",
      "Since the last update the weekly sales report is missing kiosk sales, so our numbers look far too low.",
      reportUsers,
    ],
    [
      "suggestion",
      "onboarding",
      "A short checklist for the first week would really help new colleagues. I had to ask around for everything, from my access card to the wiki.",
    ],
    [
      "suggestion",
      "expense reports",
      "Let us photograph receipts with our phones instead of scanning them and uploading from a PC.",
    ],
    [
      "suggestion",
      "sales reporting",
      "Could the sales dashboard be split by region? Right now we export it to Excel every Monday to do that ourselves.",
      reportUsers,
    ],
    [
      "compliment",
      "IT helpdesk",
      "Thanks to the helpdesk for fixing my email problem within an hour. Quick and clear.",
      notIt,
    ],
    [
      "compliment",
      "onboarding",
      "My onboarding was really well organised. Everything was ready on day one, including my laptop and access card.",
    ],
    ["question", "laptop setup", "Can I get a second screen for working from home, and who do I ask?", notIt],
    ["question", "expense reports", "Which cost centre should I use for travel to the training day?"],
    [
      "question",
      "IT helpdesk",
      "Can I reset my password myself? The helpdesk is closed in the evening, just when my shift starts.",
      shiftWorkers,
    ],
  ],
};

const nl: Templates = {
  external: [
    [
      "complaint",
      "mobile app",
      "De app logt me steeds uit zodra ik naar een andere app wissel. Dan sta ik bij de poortjes opnieuw in te loggen met een rij achter me.",
    ],
    [
      "complaint",
      "mobile app",
      "Sinds de update naar versie {version} crasht de app zodra ik mijn kaartjes open. Ik heb een Android-telefoon.",
    ],
    [
      "complaint",
      "ticket prices",
      "Een los kaartje is dit jaar alweer duurder geworden. Voor drie haltes ben ik nu goedkoper uit met de auto.",
    ],
    [
      "complaint",
      "punctuality",
      "Lijn {line} had vanochtend weer {minutes} minuten vertraging. Al de derde keer deze week, en ik miste mijn aansluiting bij {station}.",
    ],
    [
      "complaint",
      "punctuality",
      "De bus van {time} uur vanaf {station} kwam gewoon niet. Op het bord stond tot het laatst 'op tijd' en toen was hij ineens verdwenen.",
    ],
    ["complaint", "punctuality", "Alweer te laat. Elke dag hetzelfde."],
    [
      "complaint",
      "customer service",
      "Drie kwartier in de wacht gestaan en toen werd de verbinding verbroken. Niemand heeft teruggebeld.",
    ],
    [
      "complaint",
      "customer service",
      "Maandag ben ik mijn Lumo-kaart kwijtgeraakt en ik heb dat meteen gemeld. Volgens de website duurt een nieuwe kaart vijf werkdagen, maar het is nu twee weken later en ondertussen koop ik elke dag losse kaartjes. Ik wil graag weten waar mijn kaart blijft en of ik die kaartjes vergoed krijg.",
    ],
    [
      "complaint",
      "website",
      "De reisplanner op de website stelt steeds een overstap voor die al maanden niet meer bestaat.",
    ],
    [
      "complaint",
      "accessibility",
      "De lift bij {station} is al twee weken kapot. Met mijn rolstoel kom ik het perron niet op, en nergens staat hoe lang de reparatie nog duurt.",
    ],
    [
      "complaint",
      "cleanliness",
      "De bussen van lijn {line} zijn 's avonds echt smerig. Plakkerige vloer en afval onder de stoelen.",
    ],
    [
      "complaint",
      "refunds",
      "Zes weken geleden heb ik mijn geld teruggevraagd voor een geannuleerde rit, en ik heb nog steeds niets gehoord.",
    ],
    [
      "complaint",
      "refunds",
      "Ik heb twee keer betaald voor hetzelfde dagkaartje. In de app zie ik één kaartje, op mijn bankafschrift twee afschrijvingen.",
    ],
    ["complaint", "Wi-Fi on board", "De wifi in de trein maakt wel verbinding, maar er laadt niks. Zinloos zo."],
    ["complaint", "Wi-Fi on board", "De wifi werkt nooit."],
    [
      "suggestion",
      "mobile app",
      "Graag een donkere modus in de app. 's Avonds de vertrektijden checken is echt verblindend.",
    ],
    [
      "suggestion",
      "mobile app",
      "Het zou fijn zijn als de app mijn vaste rit naar huis onthoudt, zodat ik met één tik een kaartje kan kopen.",
    ],
    ["suggestion", "mobile app", "Graag ook betalen met iDEAL in de app."],
    [
      "suggestion",
      "ticket prices",
      "Een gezinskaart voor het weekend zou voor ons echt schelen. Twee volwassenen en drie kinderen, dat tikt flink aan.",
    ],
    [
      "suggestion",
      "website",
      "Kan de website de actuele vertrektijden naast de dienstregeling laten zien? Nu moet ik op twee plekken kijken.",
    ],
    [
      "suggestion",
      "accessibility",
      "Laat in elke bus de volgende halte omroepen, niet alleen in de tram. Niet iedereen kan het scherm lezen.",
    ],
    [
      "suggestion",
      "Wi-Fi on board",
      "Zet op de schermen in de bus hoe je met de wifi verbindt. De helft van de reizigers weet het niet.",
    ],
    [
      "suggestion",
      "punctuality",
      "Laat de aansluitende bus bij {station} een paar minuten wachten als de trein vertraging heeft. Voor jullie is het twee minuten, voor ons een half uur.",
    ],
    [
      "suggestion",
      "cleanliness",
      "Meer prullenbakken bij de haltes graag. Vooral bij {station}, daar puilen ze 's middags al uit.",
    ],
    ["suggestion", "customer service", "Een chatfunctie op de website zou handig zijn. Niet iedereen wil bellen."],
    [
      "compliment",
      "customer service",
      "De mevrouw bij de servicebalie op {station} had mijn studentenkorting binnen vijf minuten geregeld. Heel vriendelijk!",
    ],
    ["compliment", "customer service", "Top service, dank jullie wel!"],
    [
      "compliment",
      "customer service",
      "Jullie chauffeur wachtte bij {station} op mijn moeder van 82 en hielp haar met haar tassen. Willen jullie ons bedankje doorgeven?",
    ],
    ["compliment", "punctuality", "Lijn {line} rijdt deze maand elke dag keurig op tijd. Dank jullie wel!"],
    [
      "compliment",
      "mobile app",
      "De nieuwe app ({version}) is zoveel sneller. Een kaartje kopen gaat nu in een paar seconden.",
    ],
    [
      "compliment",
      "accessibility",
      "De chauffeur van lijn {line} stapte uit om de oprijplaat voor mijn rolstoel uit te klappen, zonder dat ik erom hoefde te vragen. Mijn dag kon niet meer stuk.",
    ],
    ["compliment", "cleanliness", "De nieuwe trams zijn echt schoon en stil. Complimenten!"],
    ["compliment", "refunds", "Binnen drie dagen mijn geld terug, zonder gedoe. Netjes geregeld."],
    ["question", "ticket prices", "Is er korting voor 65-plussers, en moet ik die zelf aanvragen?"],
    ["question", "ticket prices", "Reizen kinderen gratis?"],
    [
      "question",
      "refunds",
      "Hoe krijg ik mijn geld terug voor een ongebruikt maandabonnement? Ik ben verhuisd en heb het niet meer nodig.",
    ],
    ["question", "Wi-Fi on board", "Is er ook wifi in de streekbussen, of alleen in de trein?"],
    [
      "question",
      "website",
      "Waar op de website kan ik mijn betaalbewijzen van het afgelopen jaar downloaden? Mijn werkgever vraagt erom.",
    ],
    ["question", "mobile app", "Kan ik op één telefoon kaartjes voor twee personen hebben?"],
    ["question", "accessibility", "Mogen blindengeleidehonden mee op alle lijnen?"],
    ["question", "punctuality", "Rijdt lijn {line} in de zomervakantie volgens een andere dienstregeling?"],
    ["question", "customer service", "Wat zijn de openingstijden van de servicebalie op {station}?"],
  ],
  internal: [
    [
      "complaint",
      "laptop setup",
      "Mijn nieuwe laptop kwam zonder VPN-client, dus de eerste drie dagen kon ik niet thuiswerken.",
      notIt,
    ],
    [
      "complaint",
      "IT helpdesk",
      "De helpdesk heeft mijn melding als opgelost afgesloten zonder het mij te vragen. De printer op de tweede verdieping doet het nog steeds niet.",
      notIt,
    ],
    [
      "complaint",
      "expense reports",
      "Het duurt veel te lang voordat declaraties goedgekeurd zijn. Ik wacht nog steeds op mijn geld voor een reis van twee maanden geleden.",
    ],
    [
      "complaint",
      "sales reporting",
      "Sinds de laatste update ontbreken de kioskverkopen in het wekelijkse verkooprapport, dus onze cijfers lijken veel te laag.",
      reportUsers,
    ],
    [
      "suggestion",
      "onboarding",
      "Een korte checklist voor de eerste week zou nieuwe collega's echt helpen. Ik moest overal naar vragen, van mijn toegangspas tot de wiki.",
    ],
    [
      "suggestion",
      "expense reports",
      "Laat ons bonnetjes met de telefoon fotograferen in plaats van ze te scannen en vanaf een pc te uploaden.",
    ],
    [
      "suggestion",
      "sales reporting",
      "Kan het verkoopdashboard per regio worden uitgesplitst? Nu exporteren we het elke maandag naar Excel om dat zelf te doen.",
      reportUsers,
    ],
    [
      "compliment",
      "IT helpdesk",
      "Dank aan de helpdesk, mijn mailprobleem was binnen een uur opgelost. Snel en duidelijk.",
      notIt,
    ],
    [
      "compliment",
      "onboarding",
      "Mijn onboarding was echt goed geregeld. Op de eerste dag lag alles klaar, inclusief laptop en toegangspas.",
    ],
    [
      "question",
      "laptop setup",
      "Kan ik een tweede scherm krijgen om thuis te werken, en bij wie moet ik dat aanvragen?",
      notIt,
    ],
    ["question", "expense reports", "Welke kostenplaats moet ik gebruiken voor de reiskosten naar de trainingsdag?"],
    [
      "question",
      "IT helpdesk",
      "Kan ik mijn wachtwoord zelf resetten? De helpdesk is 's avonds dicht, net als mijn dienst begint.",
      shiftWorkers,
    ],
  ],
};

const sv: Templates = {
  external: [
    [
      "complaint",
      "mobile app",
      "Appen loggar ut mig varje gång jag byter till en annan app. Sen står jag vid spärrarna och loggar in igen med en kö bakom mig.",
    ],
    [
      "complaint",
      "mobile app",
      "Sedan uppdateringen till version {version} kraschar appen så fort jag öppnar mina biljetter. Jag har Android.",
    ],
    [
      "complaint",
      "ticket prices",
      "Enkelbiljetten har blivit dyrare igen i år. För tre hållplatser är det nu billigare för mig att ta bilen.",
    ],
    [
      "complaint",
      "punctuality",
      "Linje {line} var {minutes} minuter försenad igen i morse. Tredje gången den här veckan, och jag missade min anslutning vid {station}.",
    ],
    [
      "complaint",
      "punctuality",
      "Bussen kl. {time} från {station} kom aldrig. Skylten visade 'i tid' ända tills avgången bara försvann.",
    ],
    ["complaint", "punctuality", "Försenad igen. Varje dag."],
    [
      "complaint",
      "customer service",
      "Jag stod i telefonkö i 45 minuter och sedan bröts samtalet. Ingen ringde tillbaka.",
    ],
    [
      "complaint",
      "customer service",
      "Jag tappade mitt Lumo-kort i måndags och spärrade det direkt. Enligt webbplatsen tar ett nytt kort fem arbetsdagar, men nu har det gått två veckor och under tiden har jag köpt enkelbiljetter varje dag. Jag vill veta var mitt kort är och om jag får tillbaka pengarna för biljetterna.",
    ],
    [
      "complaint",
      "website",
      "Reseplaneraren på webbplatsen föreslår fortfarande ett byte som inte har funnits på flera månader.",
    ],
    [
      "complaint",
      "accessibility",
      "Hissen vid {station} har varit trasig i två veckor. Med min rullstol kommer jag inte upp på perrongen, och ingenstans står det hur länge reparationen ska ta.",
    ],
    [
      "complaint",
      "cleanliness",
      "Bussarna på linje {line} är riktigt äckliga på kvällarna. Kladdiga golv och skräp under sätena.",
    ],
    [
      "complaint",
      "refunds",
      "Jag ansökte om återbetalning för en inställd resa för sex veckor sedan och har fortfarande inte hört något.",
    ],
    [
      "complaint",
      "refunds",
      "Jag blev debiterad två gånger för samma dygnsbiljett. I appen syns en biljett, men på kontoutdraget två dragningar.",
    ],
    ["complaint", "Wi-Fi on board", "Det går att ansluta till wifi ombord, men ingenting laddas. Helt meningslöst."],
    ["complaint", "Wi-Fi on board", "Wifi fungerar aldrig."],
    [
      "suggestion",
      "mobile app",
      "Snälla, lägg till mörkt läge i appen. Att kolla avgångar på kvällen är helt bländande.",
    ],
    [
      "suggestion",
      "mobile app",
      "Det vore toppen om appen kom ihåg min vanliga resa hem, så att jag kan köpa biljett med ett tryck.",
    ],
    ["suggestion", "mobile app", "Lägg till Swish i appen, tack."],
    [
      "suggestion",
      "ticket prices",
      "En familjebiljett för helger skulle göra stor skillnad för oss. Två vuxna och tre barn blir dyrt snabbt.",
    ],
    [
      "suggestion",
      "website",
      "Kan webbplatsen visa avgångar i realtid bredvid tidtabellen? Nu måste jag kolla på två ställen.",
    ],
    [
      "suggestion",
      "accessibility",
      "Ropa ut nästa hållplats på alla bussar, inte bara på spårvagnarna. Alla kan inte läsa skärmen.",
    ],
    [
      "suggestion",
      "Wi-Fi on board",
      "Visa på skärmarna ombord hur man ansluter till wifi. Hälften av resenärerna vet inte hur man gör.",
    ],
    [
      "suggestion",
      "punctuality",
      "Låt anslutningsbussen vid {station} vänta några minuter när tåget är försenat. För er är det två minuter, för oss en halvtimme.",
    ],
    [
      "suggestion",
      "cleanliness",
      "Fler papperskorgar vid hållplatserna, tack. Särskilt vid {station}, där är de överfulla redan på eftermiddagen.",
    ],
    ["suggestion", "customer service", "En chatt på webbplatsen vore bra. Alla vill inte ringa."],
    [
      "compliment",
      "customer service",
      "Hon som jobbade i kundcentret vid {station} ordnade min studentrabatt på fem minuter. Så trevlig!",
    ],
    ["compliment", "customer service", "Toppenservice, tack!"],
    [
      "compliment",
      "customer service",
      "Er förare väntade på min 82-åriga mamma vid {station} och hjälpte henne med kassarna. Framför gärna vårt tack.",
    ],
    ["compliment", "punctuality", "Linje {line} har gått precis i tid varje dag den här månaden. Tack!"],
    [
      "compliment",
      "mobile app",
      "Nya appen ({version}) är så mycket snabbare. Nu tar det bara några sekunder att köpa en biljett.",
    ],
    [
      "compliment",
      "accessibility",
      "Föraren på linje {line} klev ut och fällde ut rampen åt min rullstol utan att jag behövde be om det. Det räddade min dag.",
    ],
    ["compliment", "cleanliness", "De nya spårvagnarna är riktigt rena och tysta. Snyggt jobbat!"],
    ["compliment", "refunds", "Fick tillbaka pengarna inom tre dagar, helt utan krångel. Bra skött."],
    ["question", "ticket prices", "Finns det rabatt för pensionärer, och måste jag ansöka om den själv?"],
    ["question", "ticket prices", "Åker barn gratis?"],
    [
      "question",
      "refunds",
      "Hur får jag tillbaka pengarna för ett oanvänt månadskort? Jag har flyttat och behöver det inte längre.",
    ],
    ["question", "Wi-Fi on board", "Finns det wifi på regionbussarna också, eller bara på tågen?"],
    [
      "question",
      "website",
      "Var på webbplatsen kan jag ladda ner mina kvitton för det senaste året? Min arbetsgivare vill ha dem.",
    ],
    ["question", "mobile app", "Kan jag ha biljetter för två personer i samma telefon?"],
    ["question", "accessibility", "Får ledarhundar följa med på alla linjer?"],
    ["question", "punctuality", "Går linje {line} enligt en annan tidtabell under sommarlovet?"],
    ["question", "customer service", "Vilka öppettider har kundcentret vid {station}?"],
  ],
  internal: [
    [
      "complaint",
      "laptop setup",
      "Min nya laptop kom utan VPN-klient, så de första tre dagarna kunde jag inte jobba hemifrån.",
      notIt,
    ],
    [
      "complaint",
      "IT helpdesk",
      "Helpdesk stängde mitt ärende som löst utan att fråga mig. Skrivaren på plan två fungerar fortfarande inte.",
      notIt,
    ],
    [
      "complaint",
      "expense reports",
      "Det tar alldeles för lång tid innan utläggen blir godkända. Jag väntar fortfarande på ersättning för en resa för två månader sedan.",
    ],
    [
      "complaint",
      "sales reporting",
      "Sedan senaste uppdateringen saknas kioskförsäljningen i veckorapporten, så våra siffror ser alldeles för låga ut.",
      reportUsers,
    ],
    [
      "suggestion",
      "onboarding",
      "En kort checklista för första veckan skulle hjälpa nya kollegor mycket. Jag fick fråga runt om allt, från passerkortet till wikin.",
    ],
    [
      "suggestion",
      "expense reports",
      "Låt oss fotografera kvitton med mobilen i stället för att skanna och ladda upp dem från en dator.",
    ],
    [
      "suggestion",
      "sales reporting",
      "Kan försäljningsdashboarden delas upp per region? Nu exporterar vi den till Excel varje måndag för att göra det själva.",
      reportUsers,
    ],
    [
      "compliment",
      "IT helpdesk",
      "Tack till helpdesk som löste mitt mejlproblem inom en timme. Snabbt och tydligt.",
      notIt,
    ],
    [
      "compliment",
      "onboarding",
      "Min introduktion var jättebra upplagd. Allt var klart första dagen, både dator och passerkort.",
    ],
    ["question", "laptop setup", "Kan jag få en extra skärm för att jobba hemma, och vem ska jag fråga?", notIt],
    ["question", "expense reports", "Vilket kostnadsställe ska jag använda för resan till utbildningsdagen?"],
    [
      "question",
      "IT helpdesk",
      "Kan jag återställa mitt lösenord själv? Helpdesk har stängt på kvällen, precis när mitt pass börjar.",
      shiftWorkers,
    ],
  ],
};

const templates: Record<Locale, Templates> = { en, nl, sv };

const lines = ["2", "4", "7", "12", "15", "27", "31", "105", "N3"] as const;
const versions = ["4.12.0", "4.12.1", "4.13.0", "5.0.0", "5.0.2"] as const;
const minutes = ["10", "12", "15", "20", "25", "35"] as const;

const slots: Record<Locale, Record<string, readonly string[]>> = {
  en: {
    line: lines,
    version: versions,
    minutes,
    station: ["Central Station", "Riverside", "Market Square", "North Gate", "Harbour Road", "University"],
    time: ["7:42", "8:15", "16:50", "17:05", "22:30"],
  },
  nl: {
    line: lines,
    version: versions,
    minutes,
    station: ["Centraal Station", "Zuiderpark", "Marktplein", "Oosterhaven", "Stadhuis", "Universiteit"],
    time: ["7.42", "8.15", "16.50", "17.05", "22.30"],
  },
  sv: {
    line: lines,
    version: versions,
    minutes,
    station: ["Centralstationen", "Stortorget", "Södra hamnen", "Norrport", "Universitetet", "Björkängen"],
    time: ["07.42", "08.15", "16.50", "17.05", "22.30"],
  },
};

const names: Record<Locale, { first: readonly string[]; last: readonly string[] }> = {
  en: {
    first: [
      "Emma",
      "Oliver",
      "Amelia",
      "Jack",
      "Sophie",
      "Harry",
      "Chloe",
      "Daniel",
      "Grace",
      "Liam",
      "Priya",
      "Hannah",
    ],
    last: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Patel", "Walker", "Hughes", "Clarke"],
  },
  nl: {
    first: ["Sanne", "Daan", "Lotte", "Bram", "Fleur", "Thijs", "Noor", "Jeroen", "Anouk", "Zoë", "Femke", "Mehmet"],
    last: ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "van Dijk"],
  },
  sv: {
    first: ["Elin", "Erik", "Maja", "Oskar", "Sara", "Johan", "Linnea", "Anders", "Ida", "Björn", "Åsa", "Gustav"],
    last: ["Lindqvist", "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Persson", "Lindström", "Åberg"],
  },
};

const exampleDomains = ["example.com", "example.org", "example.net"] as const;

const localeWeights: Record<Locale, number> = { en: 60, nl: 20, sv: 20 };
const kindWeights: Record<CustomerType, Record<Kind, number>> = {
  external: { complaint: 38, suggestion: 24, question: 20, compliment: 18 },
  internal: { complaint: 30, suggestion: 30, question: 25, compliment: 15 },
};
const channelWeights: Record<CustomerType, Record<string, number>> = {
  external: { web: 45, embed: 20, email: 15, kiosk: 10, api: 10 },
  internal: { web: 45, embed: 15, email: 30, api: 10 },
};
/** Score values to draw from, so complaints score low and compliments high. */
const scoreValues: Record<"nps" | "csat", Record<Kind, readonly number[]>> = {
  nps: {
    complaint: [0, 1, 2, 2, 3, 3, 4, 4, 5, 6],
    suggestion: [4, 5, 6, 6, 7, 7, 8, 8, 9],
    question: [5, 6, 7, 7, 8, 8, 9, 10],
    compliment: [8, 9, 9, 9, 10, 10, 10],
  },
  csat: {
    complaint: [1, 1, 1, 2, 2, 3],
    suggestion: [2, 3, 3, 4, 4],
    question: [3, 3, 4, 4, 5],
    compliment: [4, 5, 5, 5],
  },
};

type Random = () => number;

/** mulberry32: a tiny, fast, seedable PRNG giving floats in [0, 1). */
function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("demo data: nothing to pick from");
  return item;
}

function weighted<K extends string>(random: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  const last = entries.at(-1);
  if (!last) throw new Error("demo data: no weights");
  return last[0];
}

function fill(random: Random, text: string, locale: Locale): string {
  return text.replace(/\{(\w+)\}/g, (slot, key: string) => {
    const values = slots[locale][key];
    return values ? pick(random, values) : slot;
  });
}

/** An address at a reserved example domain, built from the name without accents or spaces. */
function emailFor(random: Random, first: string, last: string, domain: string): string {
  const ascii = (value: string) =>
    value
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
  const f = ascii(first);
  const l = ascii(last);
  const local = pick(random, [
    `${f}.${l}`,
    `${f}${l}`,
    `${f.slice(0, 1)}.${l}`,
    `${f}${Math.floor(random() * 90) + 10}`,
  ]);
  return `${local}@${domain}`;
}

function createdAtFor(random: Random, now: number): Date {
  // Fewer submissions at night (UTC 0–5): redraw most of those.
  for (;;) {
    const at = new Date(now - Math.floor(random() * WINDOW_MS));
    if (at.getUTCHours() >= 5 || random() < 0.15) return at;
  }
}

function oneItem(random: Random, now: number): { input: FeedbackInput; createdAt: Date } {
  const locale = weighted(random, localeWeights);
  const customerType: CustomerType = random() < 0.2 ? "internal" : "external";
  const kind = weighted(random, kindWeights[customerType]);
  const pool = templates[locale][customerType];
  const candidates = pool.filter(([k]) => k === kind);
  // Every locale has templates of every kind for both audiences; the fallback only guards edits.
  const [templateKind, topic, text, from] = pick(random, candidates.length > 0 ? candidates : pool);
  const channel = weighted(random, channelWeights[customerType]);

  const input: FeedbackInput = {
    message: fill(random, text, locale),
    kind: templateKind,
    consent: false,
    locale,
    customerType,
    channel,
  };
  // Mail that arrives by email is not always sorted into a topic.
  if (channel !== "email" || random() < 0.6) input.topic = topic;
  if (customerType === "internal") input.department = pick(random, from ?? departments);

  if (random() < 0.5) {
    const type = random() < 0.5 ? "nps" : "csat";
    input.score = { type, value: pick(random, scoreValues[type][templateKind]) };
  }

  // Mail always has a sender; at a station kiosk people rarely type an address.
  const emailChance = channel === "email" ? 1 : channel === "kiosk" ? 0.1 : 0.33;
  if (random() < emailChance) {
    const first = pick(random, names[locale].first);
    const last = pick(random, names[locale].last);
    const domain = customerType === "internal" ? "example.org" : pick(random, exampleDomains);
    input.name = `${first} ${last}`;
    input.email = emailFor(random, first, last, domain);
    input.consent = random() < 0.7;
  }

  return { input, createdAt: createdAtFor(random, now) };
}

/**
 * `count` (default 300) sample feedback inputs with the time each was submitted, spread over the
 * 120 days before `now` and sorted oldest first. The same seed and `now` give the same data.
 */
export function demoFeedback(
  options: { count?: number; seed?: number; now?: Date } = {},
): { input: FeedbackInput; createdAt: Date }[] {
  const { count = DEFAULT_COUNT, seed = DEFAULT_SEED, now = new Date() } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError("demo data: count must be a whole number ≥ 0");
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("demo data: now must be a valid date");
  const random = mulberry32(seed);
  const items = Array.from({ length: count }, () => oneItem(random, nowMs));
  return items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
