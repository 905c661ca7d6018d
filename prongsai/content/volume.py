"""Load-test volume (`prongsai loadtest-data`): each agency's share of the published documents, as the
content module publishes them (news posts, status published, spread over the fiscal years of the load), in
bulk. Slugs are made as ``services._news_slug`` makes them (random, unique)."""

from __future__ import annotations

import datetime
import random
import secrets
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from prongsai.agencies.volume import insert, share
from prongsai.thai.fiscal import fiscal_year_bounds

from .models import NewsPost

BANGKOK = ZoneInfo("Asia/Bangkok")
TOPICS = [
    ("ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง", "ขอเชิญผู้มีหน้าที่เสียภาษีชำระภาษีภายในกำหนด ณ ฝ่ายรายได้"),
    ("กิจกรรมเขตสะอาด ร่วมใจพัฒนาชุมชน", "เจ้าหน้าที่และชุมชนร่วมกันทำความสะอาดคลองและพื้นที่สาธารณะ"),
    ("ประกาศผู้ชนะการเสนอราคา", "ประกาศผลการจัดซื้อจัดจ้างตามระเบียบกระทรวงการคลัง"),
    ("รับสมัครอาสาสมัครป้องกันภัยฝ่ายพลเรือน", "เปิดรับสมัครผู้สนใจร่วมเป็นอาสาสมัคร อปพร. ประจำเขต"),
    ("การประชุมชี้แจงมาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ผู้อำนวยการเขตชี้แจงมาตรการแก่บุคลากรทุกฝ่าย"),
    ("บริการฉีดวัคซีนไข้หวัดใหญ่ ณ ศูนย์บริการสาธารณสุข", "ประชาชนกลุ่มเสี่ยงรับบริการได้ในวันและเวลาราชการ"),
]


def load(agencies, fiscal_years, counts, progress) -> dict[str, int]:
    rng = random.Random(2566)  # noqa: S311 (synthetic data, the same every run)
    start, _e = fiscal_year_bounds(fiscal_years[0])
    span = (timezone.localdate() - start).days
    made = 0
    with progress("published documents", counts["documents"]) as bar:
        for index, agency in enumerate(agencies):
            posts = []
            for _n in range(share(counts["documents"], agencies, index)):
                title, summary = rng.choice(TOPICS)
                day = start + datetime.timedelta(days=rng.randint(0, span))
                posts.append(
                    NewsPost(
                        agency=agency,
                        slug=secrets.token_hex(4) + secrets.token_hex(2),
                        title=title,
                        summary=summary,
                        body=f"{summary}\n\n{agency.name} "
                        + "รายละเอียดเพิ่มเติมติดต่อได้ที่สำนักงานเขต " * rng.randint(3, 30),
                        status=NewsPost.Status.PUBLISHED,
                        publish_at=datetime.datetime.combine(
                            day, datetime.time(rng.randint(8, 17), 0), tzinfo=BANGKOK
                        ),
                    )
                )
            with transaction.atomic():
                insert(NewsPost, posts, batch_size=2000)
            made += len(posts)
            bar.update(len(posts))
    return {"published documents (news posts)": made}
