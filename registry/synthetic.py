"""A synthetic, realistic Kota Gorontalo: families, persons and their document holdings.

Pure generation: ``build_city`` returns unsaved model instances with explicit primary keys,
so the same seed and reference date always give the same city, and the caller can insert
them in bulk. Holdings are calibrated by exact counts over the target population, so the
coverage percentages land where the profile asks.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from registry.choices import (
    CHILD_AKTA_MAX_AGE,
    KTP_AGE,
    BloodType,
    Education,
    LifeStatus,
    MaritalStatus,
    Relationship,
    Religion,
    Sex,
)
from registry.identifiers import FEMALE_DAY_OFFSET
from registry.models import Family, Person, Region
from registry.selectors import years_before

WITA = ZoneInfo("Asia/Makassar")


@dataclass(frozen=True)
class Profile:
    persons: int
    families: int | None = None  # None: derived from the mean household size
    ktp_el: float = 0.93
    kk: float = 0.60
    akta_kelahiran: float = 0.97
    kia: float = 0.45
    # Share of owners whose document was issued in the reference year.
    ktp_el_issued_this_year: float = 0.12
    kk_issued_this_year: float = 0.30


# The office's 2020 figures (register.md): 201,154 persons, 61,549 families,
# KTP-el 95.66 %, KK 55.72 %, akta kelahiran 99.80 %; issued in 2020: KTP-el 24,527 of
# 137,101 owners, KK 21,122 of 34,332 current KKs.
PROFILES = {
    "gorontalo-2020": Profile(
        persons=201_154,
        families=61_549,
        ktp_el=0.9566,
        kk=0.5572,
        akta_kelahiran=0.9980,
        kia=0.45,
        ktp_el_issued_this_year=24_527 / 137_101,
        kk_issued_this_year=21_122 / 34_332,
    ),
}

MEAN_HOUSEHOLD = 201_154 / 61_549
HOUSEHOLD_SIZES = (1, 2, 3, 4, 5, 6, 7, 8)
HOUSEHOLD_WEIGHTS = (14, 19, 24, 22, 12, 6, 2, 1)

MALE_NAMES = (
    "Moh.",
    "Mohamad",
    "Muhammad",
    "Rahmat",
    "Yusuf",
    "Ismail",
    "Abdul",
    "Ridwan",
    "Fadli",
    "Arifin",
    "Hamzah",
    "Rizky",
    "Fikri",
    "Sofyan",
    "Iwan",
    "Irfan",
    "Taufik",
    "Hendra",
    "Roni",
    "Syamsul",
    "Ahmad",
    "Ilham",
    "Zulkifli",
    "Rusli",
    "Nasir",
    "Fahri",
    "Aldi",
    "Rafli",
    "Kurniawan",
    "Jefri",
    "Yahya",
    "Haris",
    "Salim",
    "Budi",
    "Agus",
    "Anwar",
    "Djamaludin",
    "Hasanudin",
    "Idris",
    "Umar",
)
FEMALE_NAMES = (
    "Sri",
    "Nurhayati",
    "Fitri",
    "Rahmawati",
    "Siti",
    "Nurain",
    "Wahyuni",
    "Hasna",
    "Nurul",
    "Mardiana",
    "Sartin",
    "Yuliana",
    "Rini",
    "Dewi",
    "Nining",
    "Febriyanti",
    "Ningsih",
    "Sukarti",
    "Hadija",
    "Ratna",
    "Aisyah",
    "Fatimah",
    "Nurjanah",
    "Sulastri",
    "Indah",
    "Yulianti",
    "Nirmala",
    "Sitti",
    "Kartini",
    "Mutia",
    "Zahra",
    "Salsabila",
    "Putri",
    "Aulia",
    "Nadia",
    "Riska",
    "Winda",
    "Lestari",
    "Marlina",
    "Hartati",
)
SECOND_NAMES_MALE = ("", "", "Rizal", "Fajar", "Akbar", "Saputra", "Hidayat", "Ramadhan", "Syahputra", "Aditya")
SECOND_NAMES_FEMALE = ("", "", "Ayu", "Sari", "Rahmadani", "Wulandari", "Pratiwi", "Anggraini", "Puspita", "Utami")
SURNAMES = (
    "Hasan",
    "Mohamad",
    "Ibrahim",
    "Abdullah",
    "Usman",
    "Pakaya",
    "Gobel",
    "Katili",
    "Habibie",
    "Nento",
    "Mooduto",
    "Bumulo",
    "Lamusu",
    "Daud",
    "Tangahu",
    "Hulopi",
    "Panigoro",
    "Ali",
    "Hunowu",
    "Dunggio",
    "Olii",
    "Husain",
    "Paneo",
    "Tuli",
    "Polapa",
    "Dai",
    "Mantali",
    "Biya",
    "Thalib",
    "Wartabone",
    "Naue",
    "Kadir",
    "Lihawa",
    "Yusuf",
    "Latif",
    "Bakari",
    "Akuba",
    "Djafar",
    "Mahmud",
    "Botutihe",
    "Lahay",
    "Suleman",
    "Datau",
    "Monoarfa",
    "Alhasni",
    "Igirisa",
    "Kaluku",
    "Nusi",
    "Podungge",
    "Jusuf",
)
BIRTH_PLACES = (
    ("GORONTALO", 78),
    ("LIMBOTO", 6),
    ("SUWAWA", 3),
    ("KWANDANG", 2),
    ("TILAMUTA", 2),
    ("MARISA", 2),
    ("MANADO", 3),
    ("MAKASSAR", 2),
    ("PALU", 1),
    ("TOLITOLI", 1),
)
# NIKs first issued outside the city: Kabupaten Gorontalo, Bone Bolango, Manado, Makassar.
OUTSIDE_REGION_CODES = ("750101", "750103", "750204", "717102", "737105")
RELIGIONS = (
    (Religion.ISLAM, 960),
    (Religion.KRISTEN, 30),
    (Religion.KATOLIK, 6),
    (Religion.HINDU, 2),
    (Religion.BUDDHA, 2),
)
BLOOD_TYPES = ((BloodType.UNKNOWN, 55), (BloodType.O, 17), (BloodType.A, 11), (BloodType.B, 12), (BloodType.AB, 5))
STREETS = (
    "Jl. Sultan Botutihe",
    "Jl. Agus Salim",
    "Jl. Nani Wartabone",
    "Jl. Jaksa Agung Suprapto",
    "Jl. Ahmad Yani",
    "Jl. Panjaitan",
    "Jl. Pangeran Hidayat",
    "Jl. Raja Eyato",
    "Jl. Prof. Dr. H.B. Jassin",
    "Jl. Sam Ratulangi",
    "Jl. Ki Hajar Dewantoro",
    "Jl. Beringin",
    "Jl. Kasmat Lahay",
    "Jl. Madura",
    "Jl. Palma",
    "Jl. Durian",
    "Jl. Rambutan",
    "Jl. Cendana",
    "Jl. Anggrek",
    "Jl. Andalas",
    "Jl. Dewi Sartika",
    "Jl. Tondano",
    "Jl. Pangeran Diponegoro",
    "Jl. Taman Pendidikan",
    "Jl. Jend. Sudirman",
    "Jl. Apel",
    "Jl. Rusli Datau",
)
ADULT_OCCUPATIONS_MALE = (
    ("WIRASWASTA", 26),
    ("KARYAWAN SWASTA", 14),
    ("PEGAWAI NEGERI SIPIL", 9),
    ("PEDAGANG", 8),
    ("BURUH HARIAN LEPAS", 10),
    ("NELAYAN/PERIKANAN", 4),
    ("PETANI/PEKEBUN", 4),
    ("SOPIR", 5),
    ("TUKANG BATU", 3),
    ("GURU", 3),
    ("POLRI", 2),
    ("TNI", 1),
    ("BELUM/TIDAK BEKERJA", 8),
    ("DOSEN", 1),
    ("PERAWAT", 1),
)
ADULT_OCCUPATIONS_FEMALE = (
    ("MENGURUS RUMAH TANGGA", 45),
    ("WIRASWASTA", 12),
    ("PEGAWAI NEGERI SIPIL", 8),
    ("KARYAWAN SWASTA", 8),
    ("PEDAGANG", 8),
    ("GURU", 6),
    ("PERAWAT", 3),
    ("BELUM/TIDAK BEKERJA", 8),
    ("BIDAN", 1),
    ("DOSEN", 1),
)
EDUCATION_ADULT = (
    (Education.SD, 18),
    (Education.SLTP, 17),
    (Education.SLTA, 38),
    (Education.D1_D2, 3),
    (Education.D3, 5),
    (Education.S1, 16),
    (Education.S2, 2),
    (Education.NONE, 1),
)


def _weighted(rng: random.Random, table: tuple) -> str:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 8 + rng.randrange(8), rng.randrange(60), tzinfo=WITA)


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass
class _Counters:
    nik: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kk: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def next_nik(self, region: str, birth: dt.date, sex: str) -> str:
        day = birth.day + (FEMALE_DAY_OFFSET if sex == Sex.FEMALE else 0)
        prefix = f"{region}{day:02d}{birth:%m%y}"
        self.nik[prefix] += 1
        return f"{prefix}{self.nik[prefix]:04d}"

    def next_kk(self, region: str, issued: dt.date) -> str:
        prefix = f"{region}{issued:%d%m%y}"
        self.kk[prefix] += 1
        return f"{prefix}{self.kk[prefix]:04d}"


@dataclass
class City:
    families: list[Family]
    persons: list[Person]


class _Builder:
    def __init__(
        self,
        *,
        profile: Profile,
        seed: int,
        as_of: dt.date,
        kelurahan: list[Region],
        first_person_id: int,
        first_family_id: int,
    ) -> None:
        self.rng = random.Random(seed)
        self.profile = profile
        self.as_of = as_of
        self.kelurahan = kelurahan
        self.kelurahan_weights = [self.rng.uniform(0.4, 1.6) for _ in kelurahan]
        self.counters = _Counters()
        self.next_person_id = first_person_id
        self.next_family_id = first_family_id
        self.families: list[Family] = []
        self.persons: list[Person] = []

    # ---- people -------------------------------------------------------------------------
    def birth_date(self, age: int) -> dt.date:
        """A date on which someone is exactly ``age`` years old at the reference date."""
        return years_before(self.as_of, age) - dt.timedelta(days=self.rng.randrange(365))

    def first_name(self, sex: str, age: int) -> str:
        rng = self.rng
        if sex == Sex.MALE:
            given = rng.choice(MALE_NAMES)
            second = rng.choice(SECOND_NAMES_MALE)
        else:
            given = rng.choice(FEMALE_NAMES)
            second = rng.choice(SECOND_NAMES_FEMALE)
        if given == "Moh." and not second:
            second = rng.choice(("Rizal", "Akbar", "Fadel", "Ikbal", "Yasin"))
        return f"{given} {second}".strip() if age < 50 or rng.random() < 0.5 else given

    def occupation(self, sex: str, age: int, education: str) -> str:
        if age < 5:
            return "BELUM/TIDAK BEKERJA"
        if age < 19:
            return "PELAJAR/MAHASISWA"
        if age < 24 and self.rng.random() < 0.5:
            return "PELAJAR/MAHASISWA"
        if age >= 60 and self.rng.random() < 0.5:
            return "PENSIUNAN" if education in (Education.S1, Education.D3) else "BELUM/TIDAK BEKERJA"
        return _weighted(self.rng, ADULT_OCCUPATIONS_MALE if sex == Sex.MALE else ADULT_OCCUPATIONS_FEMALE)

    def education(self, age: int) -> str:
        if age < 7:
            return Education.NONE
        if age < 13:
            return Education.SD_NOT_FINISHED
        if age < 16:
            return Education.SD
        if age < 19:
            return Education.SLTP
        if age > 65 and self.rng.random() < 0.5:
            return Education.SD
        return _weighted(self.rng, EDUCATION_ADULT)

    def person(
        self,
        *,
        family: Family | None,
        relationship: str,
        sex: str,
        age: int,
        surname: str,
        marital: str,
        religion: str,
        father: str = "",
        mother: str = "",
        marriage_date: dt.date | None = None,
    ) -> Person:
        rng = self.rng
        birth = self.birth_date(age)
        if family is not None and rng.random() > 0.1:
            region = family.kelurahan.nik_code
        else:
            region = rng.choice(OUTSIDE_REGION_CODES)
        education = self.education(age)
        person = Person(
            id=self.next_person_id,
            nik=self.counters.next_nik(region, birth, sex),
            full_name=f"{self.first_name(sex, age)} {surname}".upper(),
            sex=sex,
            birth_place=_weighted(rng, BIRTH_PLACES),
            birth_date=birth,
            religion=religion,
            education=education,
            occupation=self.occupation(sex, age, education),
            blood_type=_weighted(rng, BLOOD_TYPES),
            marital_status=marital,
            marriage_date=marriage_date,
            father_name=father,
            mother_name=mother,
            family=family,
            relationship=relationship,
        )
        # Printed data last changed at 17 (first KTP), at marriage, or at birth.
        milestones = [birth]
        if age >= KTP_AGE:
            milestones.append(birth + dt.timedelta(days=365 * KTP_AGE + 5))
        if marriage_date:
            milestones.append(marriage_date)
        person.data_changed_at = _moment(min(max(milestones), self.as_of), rng)
        self.next_person_id += 1
        self.persons.append(person)
        return person

    # ---- households ---------------------------------------------------------------------
    def household_sizes(self) -> list[int]:
        persons = self.profile.persons
        count = self.profile.families or max(1, round(persons / MEAN_HOUSEHOLD))
        sizes = self.rng.choices(HOUSEHOLD_SIZES, HOUSEHOLD_WEIGHTS, k=count)
        # Nudge random households until the sizes add up to the population exactly.
        difference = persons - sum(sizes)
        while difference:
            index = self.rng.randrange(count)
            if difference > 0 and sizes[index] < 10:
                sizes[index] += 1
                difference -= 1
            elif difference < 0 and sizes[index] > 1:
                sizes[index] -= 1
                difference += 1
        return sizes

    def family(self, formed: dt.date) -> Family:
        kelurahan = self.rng.choices(self.kelurahan, self.kelurahan_weights)[0]
        family = Family(
            id=self.next_family_id,
            nomor_kk=self.counters.next_kk(kelurahan.nik_code, formed),
            address=f"{self.rng.choice(STREETS)} No. {self.rng.randrange(1, 200)}",
            rt=f"{self.rng.randrange(1, 7):03d}",
            rw=f"{self.rng.randrange(1, 5):03d}",
            postal_code=kelurahan.postal_code or "96100",
            kelurahan=kelurahan,
            created_at=_moment(formed, self.rng),
        )
        self.next_family_id += 1
        self.families.append(family)
        return family

    def household(self, size: int) -> None:
        rng = self.rng
        religion = _weighted(rng, RELIGIONS)
        surname = rng.choice(SURNAMES)
        couple = size >= 2 and rng.random() < 0.86
        with_elder = size >= 3 and rng.random() < 0.12
        children = size - (2 if couple else 1) - (1 if with_elder else 0)
        head_age = rng.randint(24, 72) if size > 1 else rng.randint(19, 85)
        if children > 3:
            head_age = max(head_age, 28 + 2 * children)
        if size == 1:
            head_sex = Sex.MALE if rng.random() < 0.55 else Sex.FEMALE
            marital = (
                MaritalStatus.SINGLE
                if head_age < 35
                else _weighted(
                    rng, ((MaritalStatus.WIDOWED, 5), (MaritalStatus.DIVORCED, 2), (MaritalStatus.SINGLE, 3))
                )
            )
        elif couple:
            head_sex, marital = Sex.MALE, MaritalStatus.MARRIED
        else:
            head_sex = Sex.FEMALE if rng.random() < 0.7 else Sex.MALE
            marital = MaritalStatus.WIDOWED if rng.random() < 0.65 else MaritalStatus.DIVORCED
        marriage = None
        if marital != MaritalStatus.SINGLE:
            married_at_age = rng.randint(19, min(30, head_age - 1))
            marriage = self.birth_date(head_age - married_at_age)
            marriage = min(marriage, self.as_of - dt.timedelta(days=30))
        formed = marriage or self.birth_date(max(0, head_age - 19))
        family = self.family(min(formed, self.as_of))
        head = self.person(
            family=family,
            relationship=Relationship.HEAD,
            sex=head_sex,
            age=head_age,
            surname=surname,
            marital=marital,
            religion=religion,
            marriage_date=marriage if marital == MaritalStatus.MARRIED else None,
        )
        family.head = head
        mother_age, father_name, mother_name = head_age, head.full_name, ""
        if couple:
            wife_age = max(18, head_age - rng.randint(0, 7))
            wife = self.person(
                family=family,
                relationship=Relationship.WIFE,
                sex=Sex.FEMALE,
                age=wife_age,
                surname=rng.choice(SURNAMES),
                marital=MaritalStatus.MARRIED,
                religion=religion,
                marriage_date=marriage,
            )
            mother_age, mother_name = wife_age, wife.full_name
        elif head_sex == Sex.FEMALE:
            mother_name, father_name = head.full_name, f"{rng.choice(MALE_NAMES)} {surname}".upper()
        for _ in range(children):
            age = max(0, min(mother_age - 18, int(rng.triangular(0, mother_age - 18, 0.7 * (mother_age - 18)))))
            if rng.random() < 0.04 and head_age > 50 and age > 22:
                relationship = Relationship.GRANDCHILD
                age = rng.randint(0, 12)
            else:
                relationship = Relationship.CHILD
            sex = Sex.MALE if rng.random() < 0.51 else Sex.FEMALE
            self.person(
                family=family,
                relationship=relationship,
                sex=sex,
                age=age,
                surname=surname,
                marital=MaritalStatus.SINGLE,
                religion=religion,
                father=father_name,
                mother=mother_name,
            )
        if with_elder:
            elder_sex = Sex.FEMALE if rng.random() < 0.7 else Sex.MALE
            self.person(
                family=family,
                relationship=rng.choice((Relationship.PARENT, Relationship.PARENT_IN_LAW)),
                sex=elder_sex,
                age=min(95, head_age + rng.randint(20, 32)),
                surname=rng.choice(SURNAMES),
                marital=MaritalStatus.WIDOWED,
                religion=religion,
            )
        family.data_changed_at = max(member.data_changed_at for member in self.persons[-size:])

    def departed(self, count: int) -> None:
        """Residents who died or moved out: they stay in the register, outside any family."""
        for _ in range(count):
            age = self.rng.randint(20, 90)
            person = self.person(
                family=None,
                relationship="",
                sex=self.rng.choice((Sex.MALE, Sex.FEMALE)),
                age=age,
                surname=self.rng.choice(SURNAMES),
                marital=MaritalStatus.WIDOWED,
                religion=Religion.ISLAM,
            )
            if self.rng.random() < 0.7:
                person.status = LifeStatus.DECEASED
                person.death_date = self.as_of - dt.timedelta(days=self.rng.randrange(1, 3000))
            else:
                person.status = LifeStatus.MOVED_OUT
                person.moved_out_date = self.as_of - dt.timedelta(days=self.rng.randrange(1, 3000))

    # ---- holdings -----------------------------------------------------------------------
    def pick(self, population: list, share: float) -> set[int]:
        chosen = self.rng.sample(range(len(population)), round(share * len(population)))
        return set(chosen)

    def issue_moment(self, after: dt.datetime, this_year: bool) -> dt.datetime:
        start_of_year = dt.datetime(self.as_of.year, 1, 1, 8, tzinfo=WITA)
        end = _moment(self.as_of, self.rng)
        if this_year:
            low = max(after, start_of_year)
        else:
            low, end = after, min(end, start_of_year - dt.timedelta(days=1))
        if end <= low:
            return low
        return low + (end - low) * self.rng.random()

    def holdings(self) -> None:
        profile, as_of, rng = self.profile, self.as_of, self.rng
        living = [p for p in self.persons if p.status == LifeStatus.ALIVE]
        adult_born_by = years_before(as_of, KTP_AGE)

        ktp_target = [p for p in living if p.birth_date <= adult_born_by or p.marital_status != MaritalStatus.SINGLE]
        owners = self.pick(ktp_target, profile.ktp_el)
        year_start = dt.datetime(as_of.year, 1, 1, tzinfo=WITA)
        for index, person in enumerate(ktp_target):
            if index in owners:
                recent = person.data_changed_at >= year_start or rng.random() < profile.ktp_el_issued_this_year
                person.ktp_el_issued_at = self.issue_moment(person.data_changed_at, recent)
            elif rng.random() < 0.6 and person.data_changed_at.year > person.birth_date.year + KTP_AGE:
                # Held one, but the printed data changed since (marriage, move): out of date.
                person.ktp_el_issued_at = person.data_changed_at - dt.timedelta(days=rng.randrange(30, 900))

        children = [p for p in living if _age_on(p.birth_date, as_of) <= CHILD_AKTA_MAX_AGE]
        akta_owners = self.pick(children, profile.akta_kelahiran)
        adults = [p for p in living if _age_on(p.birth_date, as_of) > CHILD_AKTA_MAX_AGE]
        adult_akta = {
            i for i, p in enumerate(adults) if rng.random() < max(0.3, 0.95 - 0.012 * _age_on(p.birth_date, as_of))
        }
        for group, chosen in ((children, akta_owners), (adults, adult_akta)):
            for index, person in enumerate(group):
                if index in chosen:
                    registered = min(as_of, person.birth_date + dt.timedelta(days=rng.randrange(3, 120)))
                    person.akta_kelahiran_issued_at = _moment(registered, rng)
                    person.akta_kelahiran_number = f"7571-LT-{registered:%d%m%Y}-{person.id % 100000:05d}"

        kia_target = [p for p in living if p.birth_date > adult_born_by and p.marital_status == MaritalStatus.SINGLE]
        for index in self.pick(kia_target, profile.kia):
            person = kia_target[index]
            person.kia_issued_at = self.issue_moment(_moment(person.birth_date, rng), rng.random() < 0.2)

        current = self.pick(self.families, profile.kk)
        for index, family in enumerate(self.families):
            if index in current:
                recent = family.data_changed_at >= year_start or rng.random() < profile.kk_issued_this_year
                family.kk_printed_at = self.issue_moment(family.data_changed_at, recent)
            else:
                # A member change after the last print: the KK on paper is out of date.
                printed = family.data_changed_at - dt.timedelta(days=rng.randrange(60, 2000))
                family.kk_printed_at = max(family.created_at, printed)
                family.data_changed_at = max(family.data_changed_at, family.kk_printed_at + dt.timedelta(days=1))
                if family.data_changed_at.date() > as_of:
                    family.data_changed_at = _moment(as_of, rng)
                    family.kk_printed_at = family.data_changed_at - dt.timedelta(days=1)
            family.kk_version = 1 + rng.randrange(3)


def build_city(
    *,
    profile: Profile,
    seed: int,
    as_of: dt.date,
    kelurahan: list[Region],
    first_person_id: int = 1,
    first_family_id: int = 1,
    progress: Callable[[int], object] | None = None,
) -> City:
    """Generate the city; ``progress(n)`` is called as households are made."""
    builder = _Builder(
        profile=profile,
        seed=seed,
        as_of=as_of,
        kelurahan=kelurahan,
        first_person_id=first_person_id,
        first_family_id=first_family_id,
    )
    for size in builder.household_sizes():
        builder.household(size)
        if progress:
            progress(size)
    builder.departed(max(1, profile.persons // 100))
    builder.holdings()
    return City(families=builder.families, persons=builder.persons)
