import { type Language, notIt, reportUsers, shiftWorkers, type Templates } from "./shared";

/** Dutch messages, names and stops for the demo data. */

const templates: Templates = {
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

export const nl: Language = {
  templates,
  slots: {
    station: ["Centraal Station", "Zuiderpark", "Marktplein", "Oosterhaven", "Stadhuis", "Universiteit"],
    time: ["7.42", "8.15", "16.50", "17.05", "22.30"],
  },
  names: {
    first: ["Sanne", "Daan", "Lotte", "Bram", "Fleur", "Thijs", "Noor", "Jeroen", "Anouk", "Zoë", "Femke", "Mehmet"],
    last: ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "van Dijk"],
  },
};
