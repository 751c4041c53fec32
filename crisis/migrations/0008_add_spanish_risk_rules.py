# ruff: noqa: E501
"""Add the first Spanish risk rules (2026-12-06) to the rules admins edit. As in 0005: rules
admins have are left as they are; only patterns not yet present are added. The rows are
frozen here, as written that day: crisis/data/risk_rules.json may move on."""

from django.db import migrations

SPANISH_RULES = (
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:voy a|me voy a|pienso|estoy a punto de|estoy list[oa] para|decidi) (?:matarme|suicidarme|quitarme la vida|acabar con mi vida|acabar con todo|terminar con (?:mi vida|todo))\\b|\\bme voy a (?:matar|suicidar)\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:matarme|suicidarme|quitarme la vida|acabar con mi vida|acabar con todo|terminar con (?:mi vida|todo))\\b.{0,40}\\b(?:hoy|esta noche|ahora|ahorita|ya mismo|manana|este fin de semana|en un rato|en una hora)\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:esta es mi|mi) (?:despedida|ultima (?:publicacion|mensaje|carta))\\b|\\badios (?:a todos|para siempre)\\b|\\b(?:carta|nota) (?:de despedida|de suicidio|suicida)\\b|\\bcuando lean esto ya no\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:ya no|no) (?:voy a )?(?:estar|estare) (?:aqui|viv[oa]) (?:manana|para manana|esta noche)\\b|\\besta noche (?:lo hago|es la noche|se acaba todo)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:tengo|compre|junte|guarde|conmigo|aqui estan|ya tengo) (?:las |unas |mis |la |el |una |un )?(?:pastillas|pildoras|pistola|arma|cuerda|soga|navaja|cuchilla|veneno)\\b.{0,40}\\b(?:listas?|listos?|aqui|en la mano|conmigo|en frente|para (?:hoy|esta noche)|cargad[ao])\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:me tome|me trague|tome|trague) (?:todas (?:las|mis)|un monton de|muchas|todo el (?:frasco|bote)|la caja de) (?:pastillas|pildoras|medicinas|calmantes)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:estoy|estoy parad[oa]|estoy sentad[oa]) (?:en|sobre) (?:el borde|el puente|la azotea|el techo|las vias|la cornisa)\\b|\\bvoy a (?:saltar|tirarme)\\b(?! (?:la cuerda|de alegria|a la piscina|al agua))",
    ),
    (
        "plan_or_means",
        "high",
        "\\bcuantas pastillas\\b|\\b(?:formas|maneras|como) de (?:matarme|suicidarme|morir sin dolor)\\b|\\b(?:guardando|juntando|acumulando) (?:mis )?(?:pastillas|medicinas)\\b|\\b(?:regale|regalando|estoy regalando) mis cosas\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:hay|tiene|trae) (?:un|una) (?:arma|pistola|cuchillo|rifle)\\b.{0,30}\\b(?:aqui|afuera|en la casa|en la puerta|adentro)\\b|\\b(?:esta|estan) disparando\\b|\\bhay un tirador\\b|\\besta (?:tumbando|pateando|golpeando) la puerta\\b",
    ),
    (
        "harm_to_others",
        "imminent",
        "\\bvoy a (?:matarlos?|matarlas?|matar a|dispararles?|apunalarl[oa]s?)\\b",
    ),
    (
        "harm_to_others",
        "high",
        "\\b(?:quiero|quisiera|pienso en) (?:matarlos?|matarlas?|matar a|hacerles dano)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:quiero|quisiera|ojala pudiera|solo quiero|me quiero) (?:morir|morirme|estar muert[oa]|desaparecer para siempre|dejar de existir)\\b|\\bojala (?:estuviera|me muriera|no despertara|no despierte|no despertar)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:matarme|suicidarme|suicidio|suicida|quitarme la vida)\\b|\\bacabar con (?:todo|mi vida)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:ya )?no quiero (?:vivir|seguir viviendo|seguir aqui|estar aqui|despertar|existir)\\b|\\bestarian mejor sin mi\\b|\\bno hay (?:razon|motivo) para (?:vivir|seguir)\\b",
    ),
    (
        "self_harm",
        "high",
        "\\b(?:cortarme|me corte|me corto|me estoy cortando|hacerme dano|me hago dano|lastimarme|me lastimo|quemarme)\\b",
    ),
    (
        "distress",
        "concern",
        "\\bsin esperanza\\b|\\bno valgo nada\\b|\\bsoy una carga\\b|\\bno (?:puedo|aguanto) mas\\b|\\bme siento (?:vaci[oa]|sol[oa] todo el tiempo)\\b|\\bnadie (?:me extranaria|se daria cuenta)\\b|\\bque sentido tiene\\b",
    ),
)


def add_missing(apps, schema_editor):
    RiskRule = apps.get_model("crisis", "RiskRule")
    present = set(RiskRule.objects.values_list("pattern", flat=True))
    RiskRule.objects.bulk_create(
        RiskRule(category=category, level=level, pattern=pattern, note="Spanish")
        for category, level, pattern in SPANISH_RULES
        if pattern not in present
    )


def remove(apps, schema_editor):
    patterns = [pattern for _, _, pattern in SPANISH_RULES]
    apps.get_model("crisis", "RiskRule").objects.filter(pattern__in=patterns).delete()


class Migration(migrations.Migration):
    dependencies = [("crisis", "0007_add_third_widening_rules")]

    operations = [migrations.RunPython(add_missing, remove)]
