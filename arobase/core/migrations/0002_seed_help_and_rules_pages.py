"""Seeds the help, FAQ, regulation and contact pages from the association's documents (dossier de participation
2019, label 2018 site pages). Staff edit them afterwards in /gestion/; an existing page is never overwritten."""

from django.db import migrations

HELP = """\
Pour participer au label Territoires, Villes et Villages Internet, je dois d'abord :

1. être inscrit sur la plateforme ([créer un compte](/compte/signup/)) ;
2. être rattaché à la collectivité (commune ou EPCI) que je représente ;
3. faire adhérer ma collectivité : seules les collectivités membres de l'association peuvent être candidates.

Je peux alors commencer ma participation au label !

## Le principe

- Je crée des actions pour ma collectivité et je les associe à un ou plusieurs services numériques rendus aux
  citoyens.
- Lorsque je participe au label, la mosaïque des enjeux me permet d'évaluer l'avancement de ma politique numérique
  locale.
- Je valide mon dossier au moins une fois avant la clôture de la participation.

Le premier correspondant inscrit est référent de la collectivité pour l'association. Le nombre d'élus, d'agents, de
médiateurs et d'acteurs locaux pouvant s'inscrire et déposer des actions est illimité. Chaque action publiée est
automatiquement visible dans la cartographie Atlaas et sur la page de la collectivité.

## Scénario de participation

- Je présente la démarche à mes collègues et à mes élus ; je peux les aider à s'inscrire pour publier directement
  leurs actions.
- Je lis le [règlement du label](/reglement/) pour connaître le cadre et les conditions d'attribution du label.
- Je complète ou actualise les informations de ma commune ou de mon EPCI : grâce à l'open data, toutes les
  collectivités françaises existent dans l'Atlaas.
- Je valide l'adhésion de la collectivité.
- J'informe les acteurs locaux de la participation au label, pour qu'ils signalent leurs actions (animateurs,
  médiateurs, enseignants, responsables associatifs, entrepreneurs…).
- J'actualise ou publie toutes les actions réalisées avec le numérique ou concernant le numérique (internes ou
  externes à la collectivité).
- Je précise les adresses pour les géolocaliser dans l'Atlaas (écoles, associations, services déconcentrés, espaces
  publics numériques, etc.).
- Je valide ma participation et mon dossier est transmis au jury.
- Je peux contribuer à l'amélioration du label dans un formulaire d'évaluation.
- Je réserve les agendas : toutes les personnes concernées par le label sont invitées à la cérémonie de remise.
- Je prévois de commander les panneaux d'entrée de ville pour afficher ma marque territoriale Village ou Ville
  Internet !

## Conseils pour participer

S'il n'existe aucune « recette » pour décrocher les arobases, voici quelques conseils utiles pour candidater dans
les meilleures conditions.

1. **Publiez.** Vos actions en ligne, et donc automatiquement dans l'Atlaas, tiennent une place centrale dans
   l'évaluation du jury. Prenez soin de les compléter de manière synthétique et informative. Renseignez précisément
   les différents champs d'édition et classez bien les actions.
2. **Actualisez.** Une action ancienne (de 2 ans ou plus) ne comptera pas pour le prochain label. Mais si l'action
   est toujours en cours, vous pouvez la mettre à jour : après son enregistrement, la dernière édition de cette
   action sera prise en compte. Profitez d'une actualisation pour livrer des éléments nouveaux : derniers chiffres et
   derniers développements de l'action mise en œuvre.
3. **Soyez cohérent.** Pour être prises en compte, vos déclarations d'usages doivent recouper des usages réellement
   référencés dans vos actions. Les actions peuvent être géolocalisées là où le service est rendu (adresse précise
   des lieux ou guichets). Les acteurs qui les mènent peuvent être précisés pour créer une dynamique locale et
   valoriser le travail de chacun.
4. **N'oubliez rien.** Votre politique numérique englobe également les actions d'autres entités (associations,
   écoles, service déconcentré, intercommunalité) ? Dès lors que votre collectivité y est associée, veillez à les
   déclarer. Ça compte !
5. **Collaborez.** La participation au label sera d'autant plus profitable pour votre collectivité qu'elle sera le
   fruit d'un travail d'équipe. Soyez nombreux à vous inscrire sur la plateforme : chacun aura son tableau de bord
   et pourra directement publier des actions. Certains participants organisent un comité de participation au label !
6. **Partagez** avec vos collaborateurs, vos élus et les acteurs concernés le dossier de participation, qui comprend
   des informations et le référentiel du questionnaire. Échangez sur les réponses à apporter avant de valider votre
   dossier en ligne.
7. **Tirez profit** du système d'édition de la plateforme, qui vous permet de répartir la charge de la publication
   entre plusieurs auteurs, sous la responsabilité du référent de la collectivité. Le référent peut rattacher à
   l'espace en ligne de la collectivité autant de producteurs de contenu qu'il le souhaite.

## Définition d'une « action »

Une action est déclarée par la collectivité dans le cadre de sa participation et prise en compte par le jury, qu'elle
soit rendue directement par un service interne ou qu'elle soit financée par les fonds publics sur votre territoire :
service rendu par une association, dans le cadre d'un projet européen ou de coopération internationale, service
sous-traité à un délégataire de service public ou à un prestataire.

## De l'intérêt de participer chaque année

De même que votre politique numérique ne connaît pas de pause, votre label gagne à être renouvelé chaque année. Les
participants réguliers capitalisent sur leurs actions publiées dans l'Atlaas et entretenues au fil de l'eau : leur
dossier est bouclé plus rapidement. La mosaïque des enjeux et des services offre un pré-diagnostic automatique et
permanent des actions et des services rendus aux citoyens.

Une question ? Consultez la [foire aux questions](/faq/) ou [contactez l'association](/contact/).
"""

FAQ = """\
La réponse à votre question n'est ni dans cette FAQ ni dans le [règlement du label](/reglement/) ?
N'hésitez pas à [nous contacter](/contact/).

## Participation

### Qui peut participer au label Territoires, Villes et Villages Internet ?

- Le label est ouvert aux communes et intercommunalités du territoire national français (métropole et outre-mer).
- Les collectivités locales étrangères sont invitées à participer et seront évaluées, mais citées « hors concours ».
- Les départements et les régions ne peuvent pas participer au label.

### L'inscription d'une collectivité sur la plateforme vaut-elle participation au label ?

Absolument pas. L'inscription d'une collectivité sur la plateforme est une condition nécessaire mais non suffisante
pour la participation au label. Cette participation passe par la mosaïque du label, à remplir et valider par la
collectivité candidate. Ses actions, publiées au préalable sur la plateforme, viennent illustrer et compléter ses
réponses au questionnaire.

### Le fait d'avoir des zones blanches pour une commune n'est-il pas incompatible avec son label ?

Le label ne valide pas un niveau de déploiement d'infrastructures. Il porte essentiellement sur les usages et les
politiques numériques mis en œuvre par les collectivités. Une commune comportant des zones blanches ne saurait être
discriminée pour son manque de connectivité. S'inscrire dans la démarche du label, c'est démontrer que l'on œuvre au
développement du numérique, à la progression des usages. C'est envoyer un signal à la population, aux opérateurs et
aux pouvoirs publics. En zone blanche, le label traduit le plus souvent la volonté de la collectivité de ne pas se
résigner et de travailler à son désenclavement numérique. Oui, le label est bien ouvert aux communes et territoires
les moins bien desservis par les réseaux : c'est même l'une de ses raisons d'être.

### Quelles collectivités ont déjà obtenu le label ?

Les résultats publiés sont dans le [palmarès](/label/palmares/).

### Comment puis-je déclarer mes actions ?

Depuis votre espace, une fois rattaché à votre collectivité. Pour qu'une action ancienne soit prise en compte pour le
label, pensez à l'actualiser et à enregistrer vos modifications.

### Comment déclarer les actions des établissements scolaires ?

Les écoles de votre collectivité peuvent ouvrir leur espace et publier leurs initiatives sur la plateforme : ces
actions seront intégrées à votre demande de label.

### Ma ville peut-elle se prévaloir d'une initiative cofinancée ou coréalisée avec une autre entité ?

Oui, conformément au règlement du label (article 8, « Champs de compétences des collectivités »). Par exemple, même si
le numérique est une compétence déléguée au niveau intercommunal, une commune peut publier sur son espace les
initiatives numériques auxquelles elle est associée ou qu'elle accompagne. Ces initiatives seront prises en compte
dans l'évaluation du label.

## Évaluation

### Quelles actions sont prises en compte dans l'évaluation ?

1. Seules sont retenues les actions que votre collectivité a publiées ou actualisées durant l'année où vous
   sollicitez le label et l'année précédente. Exemple : la participation au label 2018 était ouverte de février à
   novembre 2017 ; les actions prises en compte étaient celles publiées ou actualisées en 2017 et 2016.
2. En outre, les actions « prévues » ne sont pas prises en compte : seules sont retenues les actions placées sous le
   statut « en cours » ou « réalisée ».

### Peut-on perdre ses @ ?

- Oui, dans la limite d'une @ par an.
- Une collectivité ne peut pas perdre d'@ sans en avoir été alertée l'année précédente.

### Peut-on obtenir 5 @ pour une première participation ?

- Non : une collectivité ne peut accéder à 5 @ que si elle avait 4 @ l'année précédente, ou une année antérieure si
  elle a suspendu sa participation.
- Une collectivité postulant pour la première fois au label peut obtenir de une à quatre @.

### Garde-t-on les @ obtenues si l'on ne se représente pas au label ?

Oui. L'attribution des arobases est millésimée : l'année de participation au label est précisée sur les panneaux.
Vous conservez donc vos arobases, mais elles sont datées sur vos panneaux d'entrée de ville et dans la communication
nationale. Un score passé ne conditionne pas celui à venir : il n'y a pas de principe de maintien, de baisse ou de
progression de votre score entre deux participations, qu'elles soient rapprochées ou pas. Une participation régulière
vous permet toutefois de bien capitaliser sur vos actions et de piloter étroitement, d'une année sur l'autre, votre
politique numérique.

### Quels sont les critères d'évaluation du label ?

Le jury tient compte :

- des réponses aux questionnaires et de la cohérence de l'ensemble (usages déclarés) ;
- des initiatives référencées par les correspondants sur la plateforme (initiatives associées aux usages).

Les éléments de l'évaluation sont susceptibles d'évoluer : jusqu'au label 2011, des « e-visites » des sites web des
collectivités candidates étaient prises en compte ; jusqu'au label 2014, des commentaires libres ajoutés au
formulaire de participation entraient dans l'évaluation.

### Comment les membres du jury sont-ils sélectionnés ?

- Les membres ne doivent pas avoir de responsabilité territoriale.
- Sont invités au jury des experts (chercheurs, universitaires, journalistes…) travaillant sur des problématiques
  touchant à la diffusion sociale des technologies de l'information et d'Internet en particulier, et les partenaires
  du label.
- Ne sont considérés comme membres effectifs du jury que les personnes présentes lors de la délibération.

## Résultats

### Puis-je connaître le classement de ma collectivité avant la remise du label ?

Aucun résultat ne peut être communiqué à quiconque avant la cérémonie officielle de remise des labels.

## Remise et affichage du label

### Où et quand se déroule la remise du label ?

La cérémonie de remise du label se tient à l'occasion de la Journée nationale des Territoires, Villes et Villages
Internet, organisée par l'association chaque année.

### Villes Internet fournit-elle les panneaux d'entrée de ville ?

La confection des panneaux revient aux collectivités labellisées, Villes Internet fournissant les visuels. Pour la
continuité de l'affichage au fil des années, vous pouvez utiliser des adhésifs pour modifier l'année et le nombre
d'arobases sur vos panneaux. Charte de réalisation d'un panneau : largeur minimum 350 mm, hauteur 250 mm (le rapport
de taille est indicatif).

Merci de transmettre à l'association, pour chaque panneau : l'adresse exacte de son emplacement, la date de sa mise
en place, si possible le nom du fabricant, et une photo créditée à mettre à disposition de la presse.
"""

REGULATION = """\
Règlement du label national Territoires, Villes et Villages Internet, tel que publié par l'association Villes
Internet (édition 2018).

## Article 1er : Objectifs

Le label Ville Internet, créé en 2000, a pour objet de valoriser les politiques locales de diffusion des usages de
l'internet auprès des citoyens. Les critères du label sont actualisés chaque année par le comité d'orientation de
l'association (comité composé de membres du jury du label et de représentants des villes 4 et 5 @ ayant été
labellisées l'année précédente).

Depuis 2014, le label s'appelle « Territoires, Villes et Villages Internet ». Chaque type de collectivité, et
notamment les communes rurales ou leurs intercommunalités, peut ainsi demander la labellisation en répondant à une
version adaptée du questionnaire. La diffusion des résultats globaux du label ne fait toutefois pas de différence
entre les différents types de candidatures : elle se fait sous la forme d'un classement général comprenant
l'ensemble des types.

Le dispositif en ligne présente, depuis le label 2017, un référentiel de classement des actions en services et en
16 enjeux de développement local : emploi, culture et patrimoine, services publics, identité, éducation, démocratie
locale, coopération, vie quotidienne, développement économique, solidarités, vie associative, cohésion sociale,
attractivité, médiation, innovation.

Cette organisation permet à l'utilisateur de voir un pré-diagnostic de sa politique publique numérique. Sur les
enjeux faibles, il peut approfondir son enquête auprès des acteurs locaux pour s'assurer que les services
correspondants ne sont pas rendus et envisager un nouveau projet.

## Article 2 : Caractère national du label

Le label Territoires, Villes et Villages Internet est un label national soutenu par l'État.

- Il est financé par des fonds publics : adhésion des collectivités territoriales et soutien de ministères, ce qui
  garantit son indépendance.
- Sa communication et des actions particulières peuvent être financées par des partenariats privés.
- Il concerne toutes les communes ou intercommunalités du territoire national français (métropole et outre-mer).

## Article 3 : Candidatures

Tous les territoires, villes et villages sont invités à participer, dans un souci de partage de connaissances et des
bonnes pratiques en matière de services numériques publics et citoyens.

- **Territoire** : tous les établissements publics de coopération intercommunale (communautés de communes,
  communautés d'agglomération, districts, pays, métropoles…), incluant les syndicats mixtes, SIVU, SIVOM et pôles
  métropolitains. Le label est attribué à l'établissement public et non aux villes et villages qu'il rassemble. Ce
  sont ses actions et ses services propres, rendus aux collectivités, qui sont évalués.
- **Ville** : tout territoire se désignant par ce terme peut afficher le label Ville Internet (notamment sous forme de
  panneau en entrée de ville).
- **Village** : tout territoire se désignant par ce terme peut afficher le label Village Internet (notamment sous
  forme de panneau en entrée de village).

Les départements et les régions ne peuvent pas participer au label. Ils sont cependant invités à adhérer à
l'association Villes Internet pour mettre en place une politique active de sensibilisation et d'accompagnement des
collectivités locales.

## Article 4 : Conditions de participation

Seules les collectivités membres de plein droit de l'association ont accès au dispositif de labellisation. Cela
permet d'assurer la continuité de l'évaluation, du dispositif d'échange d'expériences et d'accompagnement auxquels
elles ont droit, à distance sur la plateforme réservée aux membres et lors des rendez-vous de l'association. Elles
ont ainsi une voix en assemblée générale pour déterminer les évolutions utiles.

*Les articles 5 et 6 ne figurent pas dans la version du règlement reprise ici.*

## Article 7 : Instances

Le comité d'orientation est un lieu de veille qui fonctionne en amont du jury. Sa mission est de faire évoluer la
méthodologie, la grille d'évaluation et la communication du label. Il débat chaque année des évolutions à apporter au
questionnaire et en précise les critères. Il est composé de membres du jury du label, de spécialistes de l'internet
et de la citoyenneté et de représentants des Villes Internet labellisées 4 et 5 @ l'année précédente.

Le jury est constitué de personnalités travaillant sur des problématiques touchant à la diffusion sociale des
technologies de l'information et de la communication, de l'internet, des réseaux sociaux et du numérique urbain en
particulier. Ces personnalités sont issues de différents secteurs d'activité : enseignement et recherche,
professionnels des médias, représentants des ministères et des entreprises publiques, associations du monde de
l'internet, acteurs économiques. Aucun représentant d'une collectivité locale ne peut y participer. Le jury est
souverain de l'évaluation et, après délibération, il a tout pouvoir de décision sur le palmarès du label.

## Article 8 : Évaluations

**1. Production des informations pour l'évaluation.** Le jury étudie chaque année la politique numérique des
collectivités. Les actions rédigées antérieurement et toujours en service doivent être actualisées, notamment : les
acteurs, les lieux avec géolocalisation, et la description des évolutions de l'action, avec un lien vers le site de
l'action s'il existe. Les actions sont publiées dans un référentiel partant de 16 enjeux de développement local vers
des services. Les services sont cochés quand la collectivité a déjà référencé des actions. La distinction « ville »
ou « village » est réalisée au moment de l'inscription de la structure. Les « territoires » (EPCI) remplissent un
questionnaire complémentaire.

**2. Champs de compétences des collectivités.** Un territoire, une ville ou un village peut se prévaloir d'une action
si celle-ci est financée par une autre entité ou réalisée en coproduction ou en mutualisation : ce qui importe est la
réalité du service rendu à la population. Les actions des associations locales financées sur les fonds publics
locaux sont prises en compte, ainsi que les actions des écoles rattachées au territoire (celles-ci peuvent s'inscrire
et publier directement leurs actions sur la plateforme).

**3. Attribution de mentions.** À compter du label 2013, des mentions thématiques peuvent être décernées aux
collectivités participantes. Les thématiques sélectionnées sont les suivantes :

- Écoles Internet : éducation, formation ;
- Innovation sociale : nouveaux services ;
- Santé : handicap et prévention ;
- Coopération décentralisée internationale ;
- Internet solidaire : accessibilité, politique de la ville et solidarité ;
- Démocratie et concertation.

## Article 9 : Remise des labels

Chaque année, les maires des villes et villages et les présidents des intercommunalités labellisés sont invités à
recevoir leur distinction des mains d'un représentant du Gouvernement et des représentants des organisations
partenaires, notamment les associations d'élus. Cet événement est ouvert à tous les agents ou partenaires des
collectivités participantes. Sont également invités les décideurs publics nationaux et la presse. Outre la révélation
du palmarès, cet événement est destiné à la rencontre et à l'échange d'expériences.

## Article 10 : Baisse de niveau et alerte

Les territoires, villes et villages labellisés sont susceptibles de perdre une arobase d'une année sur l'autre ou
d'une candidature à la précédente (si celle-ci n'est pas antérieure de plus de trois années), si le jury constate une
baisse de niveau. Afin de permettre aux collectivités de réagir à une baisse possible, un système d'alerte a été mis
en place. Il permet d'attirer l'attention sur le fait que le jury a noté au moins une stagnation par rapport à la
précédente candidature. Cette alerte permet d'anticiper une perte lors de la candidature suivante si le dossier
n'évolue pas. Les collectivités sont vivement incitées à déclarer de manière détaillée et commentée l'ensemble des
initiatives prises ou soutenues sur leur territoire.

Aucune collectivité ne peut baisser de plus d'une arobase d'une année sur l'autre ou entre deux candidatures si
celles-ci ne sont pas distantes de plus de trois années.

## Article 11 : Affichage des panneaux du label

L'association encourage la mise en place des panneaux d'entrée de ville ou de village et transmet une charte
graphique nationale « Ville Internet / nombre d'arobases / année » ; « Village Internet / nombre d'arobases /
année ».

Tout affichage du label dans la collectivité doit correspondre à une remise officielle par l'association Villes
Internet.

L'affichage du label obtenu l'année précédente est autorisé sous obligation de maintenir visible l'année
d'obtention.

La collectivité doit envoyer à l'association une photographie des panneaux en situation dès leur première
installation, avec les adresses d'emplacement des supports et la date de leur mise en place. Toute photographie
transmise doit être créditée et libre de droits pour diffusion en ligne et sur toute communication liée au label.

Les supports de communication (communiqué de presse, plaquette, etc.) concernant le label, diffusés par
l'association, sont à la disposition de chaque collectivité participante pour faciliter sa communication locale.

## Article 12 : Utilisation des données

Les informations déclarées par la collectivité dans le questionnaire sont susceptibles d'être publiées intégralement
ou partiellement par l'association Villes Internet et ses partenaires, dans le respect de la législation sur les
données personnelles.

Les textes publiés par l'association sont mis à libre disposition sous un contrat Creative Commons Paternité – Pas
d'utilisation commerciale – Partage des conditions initiales à l'identique. Ils sont diffusables à condition d'en
mentionner la source comme suit : « Source : www.villes-internet.net ».
"""

CONTACT = """\
**Association Villes Internet**<br>
9 rue Soyer<br>
92200 Neuilly-sur-Seine

- Téléphone : [01 47 68 53 76](tel:+33147685376)
- Courriel : [coordination@villes-internet.net](mailto:coordination@villes-internet.net)
- Site : [www.villes-internet.net](https://www.villes-internet.net)

Association loi 1901, SIRET 443 118 823 00022.

Avant d'écrire, la réponse à votre question se trouve peut-être dans la [foire aux questions](/faq/), le
[guide de participation](/aide/) ou le [règlement du label](/reglement/).
"""

PAGES = [
    ("aide", "Participer au label : le guide", "Comment participer au label, pas à pas, et nos conseils.", HELP),
    ("faq", "Foire aux questions", "Les réponses aux questions les plus fréquentes sur le label.", FAQ),
    (
        "reglement",
        "Règlement du label",
        "Le règlement du label national Territoires, Villes et Villages Internet.",
        REGULATION,
    ),
    ("contact", "Contacter l'association", "Les coordonnées de l'association Villes Internet.", CONTACT),
]


def seed_pages(apps, schema_editor):
    Page = apps.get_model("core", "Page")
    for key, title, summary, body in PAGES:
        Page.objects.get_or_create(key=key, defaults={"title": title, "summary": summary, "body": body})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_pages")]

    operations = [migrations.RunPython(seed_pages, migrations.RunPython.noop)]
