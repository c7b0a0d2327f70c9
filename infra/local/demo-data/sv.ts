import { type Language, notIt, reportUsers, shiftWorkers, type Templates } from "./shared";

/** Swedish messages, names and stops for the demo data. */

const templates: Templates = {
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

export const sv: Language = {
  templates,
  slots: {
    station: ["Centralstationen", "Stortorget", "Södra hamnen", "Norrport", "Universitetet", "Björkängen"],
    time: ["07.42", "08.15", "16.50", "17.05", "22.30"],
  },
  names: {
    first: ["Elin", "Erik", "Maja", "Oskar", "Sara", "Johan", "Linnea", "Anders", "Ida", "Björn", "Åsa", "Gustav"],
    last: ["Lindqvist", "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Persson", "Lindström", "Åberg"],
  },
};
