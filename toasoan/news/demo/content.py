"""Demo content for a fictional provincial agency portal, written for Tòa soạn.

Names of people and units are invented; the news is plausible, not real.
"""

SITE = {
    "agency_name": "Cổng thông tin Ban Quản lý các Khu công nghiệp tỉnh Bình An",
    "tagline": "Thông tin chính thống về đầu tư, lao động và phát triển khu công nghiệp",
    "address": "Số 18 đường Trần Hưng Đạo, phường Phú Lợi, TP Bình An",
    "phone": "(0274) 3 822 118",
    "email": "banbientap@binhan-kcn.example.vn",
    "footer_note": (
        "Cơ quan chủ quản: Ban Quản lý các Khu công nghiệp tỉnh Bình An.\n"
        "Chịu trách nhiệm chính: Trưởng Ban biên tập Nguyễn Minh Khang.\n"
        "Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này."
    ),
}

SECTIONS = [
    {
        "slug": "thoi-su",
        "title": "Thời sự",
        "intro": "Tin hoạt động của lãnh đạo tỉnh và Ban Quản lý.",
    },
    {
        "slug": "dau-tu-phat-trien",
        "title": "Đầu tư - Phát triển",
        "intro": "Thu hút đầu tư, hạ tầng và môi trường kinh doanh.",
        "children": [
            {
                "slug": "khu-cong-nghiep",
                "title": "Khu công nghiệp",
                "intro": "Tin từ các KCN, KCX.",
            },
        ],
    },
    {
        "slug": "lao-dong-viec-lam",
        "title": "Lao động - Việc làm",
        "intro": "Việc làm, đời sống công nhân.",
    },
    {"slug": "xay-dung-dang", "title": "Xây dựng Đảng", "intro": "Công tác Đảng, đoàn thể."},
]

PAGES = [
    {
        "slug": "gioi-thieu",
        "title": "Giới thiệu",
        "body": (
            "<p>Ban Quản lý các Khu công nghiệp tỉnh Bình An là cơ quan trực thuộc Ủy ban nhân dân "
            "tỉnh, thực hiện chức năng quản lý nhà nước trực tiếp đối với các khu công nghiệp "
            "(KCN) và khu chế xuất (KCX) trên địa bàn.</p>"
            "<p>Cổng thông tin cung cấp tin tức, thủ tục hành chính và thông báo chính thức "
            "của Ban đến doanh nghiệp, người lao động và nhân dân.</p>"
        ),
    },
]

ANNOUNCEMENTS = [
    {
        "title": "Lịch tiếp công dân định kỳ tháng này của Trưởng ban",
        "pinned": True,
        "body": (
            "<p>Trưởng ban tiếp công dân vào sáng thứ Năm tuần thứ hai và tuần thứ tư, tại "
            "phòng tiếp công dân tầng 1, trụ sở Ban Quản lý.</p>"
        ),
    },
    {
        "title": "Thông báo tuyển dụng viên chức năm nay",
        "body": (
            "<p>Ban Quản lý thông báo tuyển dụng 06 viên chức làm việc tại Trung tâm Dịch vụ "
            "việc làm KCN. Hồ sơ nhận đến hết ngày 30 của tháng sau.</p>"
        ),
    },
    {
        "title": "Tạm ngừng tiếp nhận hồ sơ trực tiếp để nâng cấp hệ thống một cửa điện tử",
        "body": (
            "<p>Trong hai ngày cuối tuần, hệ thống một cửa điện tử được nâng cấp. Doanh nghiệp "
            "vui lòng nộp hồ sơ trực tuyến hoặc liên hệ bộ phận một cửa qua điện thoại.</p>"
        ),
    },
    {
        "title": "Hướng dẫn kê khai báo cáo tình hình sử dụng lao động 6 tháng",
        "body": (
            "<p>Doanh nghiệp trong KCN kê khai báo cáo tình hình thay đổi lao động trên hệ thống "
            "trực tuyến trước ngày 5 của tháng đầu kỳ báo cáo.</p>"
        ),
    },
]

# hours_ago: how long before the demo load each article was published.
ARTICLES = [
    {
        "section": "thoi-su",
        "title": "Hội nghị sơ kết 6 tháng công tác quản lý các khu công nghiệp",
        "sapo": (
            "Sáng nay, Ban Quản lý các KCN tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu "
            "năm, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm."
        ),
        "paragraphs": [
            "Báo cáo tại hội nghị cho biết, trong 6 tháng đầu năm các KCN trên địa bàn tỉnh thu hút 24 dự án mới với tổng vốn đăng ký 312,5 triệu USD, tăng 18% so với cùng kỳ; 11 dự án điều chỉnh tăng vốn thêm 96,4 triệu USD.",
            "Giá trị xuất khẩu của doanh nghiệp trong KCN đạt 2,15 tỷ USD, chiếm gần 60% kim ngạch xuất khẩu toàn tỉnh. Tỷ lệ lấp đầy bình quân đạt 71,3%.",
            "Phát biểu chỉ đạo, đồng chí Trần Quốc Vinh, Phó Chủ tịch UBND tỉnh đề nghị Ban Quản lý tiếp tục cải cách thủ tục hành chính, rút ngắn thời gian cấp giấy chứng nhận đầu tư và phối hợp chặt chẽ với các sở, ngành trong công tác hậu kiểm.",
            "Hội nghị cũng biểu dương 12 tập thể, 25 cá nhân có thành tích xuất sắc trong thực hiện nhiệm vụ.",
        ],
        "author": "Huyền Thanh",
        "source": "PBN",
        "hours_ago": 2,
        "featured": True,
        "tags": ["hội nghị", "khu công nghiệp"],
        "image": "blue",
    },
    {
        "section": "thoi-su",
        "title": "Lãnh đạo tỉnh làm việc với các nhà đầu tư Nhật Bản",
        "sapo": "Chiều qua, lãnh đạo UBND tỉnh tiếp và làm việc với đoàn doanh nghiệp Nhật Bản tìm hiểu cơ hội đầu tư.",
        "paragraphs": [
            "Đoàn gồm đại diện 14 doanh nghiệp hoạt động trong lĩnh vực linh kiện điện tử, cơ khí chính xác và logistics.",
            "Tại buổi làm việc, lãnh đạo tỉnh giới thiệu quỹ đất sạch sẵn sàng cho thuê tại KCN Tân Phú mở rộng và cam kết hỗ trợ nhà đầu tư trong suốt quá trình triển khai dự án.",
            "Các doanh nghiệp đánh giá cao hạ tầng giao thông kết nối cảng biển của tỉnh và bày tỏ mong muốn được cung cấp thêm thông tin về nguồn nhân lực kỹ thuật.",
        ],
        "author": "Minh Trí",
        "source": "PBN",
        "hours_ago": 20,
        "tags": ["đầu tư nước ngoài", "Nhật Bản"],
        "image": "teal",
    },
    {
        "section": "thoi-su",
        "title": "Tăng cường phòng cháy chữa cháy tại các khu công nghiệp mùa nắng nóng",
        "sapo": "Ban Quản lý yêu cầu doanh nghiệp rà soát hệ thống phòng cháy chữa cháy, tổ chức diễn tập trước cao điểm nắng nóng.",
        "paragraphs": [
            "Theo văn bản vừa ban hành, doanh nghiệp phải kiểm tra định kỳ hệ thống báo cháy tự động, bình chữa cháy và lối thoát nạn, bảo đảm không để hàng hóa lấn chiếm lối đi.",
            "Ban Quản lý phối hợp với Phòng Cảnh sát PCCC và CNCH tổ chức kiểm tra đột xuất tại các cơ sở có nguy cơ cháy nổ cao như dệt may, chế biến gỗ, bao bì.",
            "Doanh nghiệp vi phạm sẽ bị xử lý theo quy định và công khai trên Cổng thông tin.",
        ],
        "author": "Lê Hoàng",
        "source": "Phòng Quản lý Môi trường",
        "hours_ago": 48,
        "tags": ["PCCC"],
        "image": "orange",
    },
    {
        "section": "thoi-su",
        "title": "Công bố quyết định bổ nhiệm Phó Trưởng ban Quản lý các KCN",
        "sapo": "UBND tỉnh trao quyết định bổ nhiệm ông Phạm Đức Thuận giữ chức Phó Trưởng ban Quản lý các KCN tỉnh.",
        "paragraphs": [
            "Ông Phạm Đức Thuận sinh năm 1978, trình độ thạc sĩ quản lý kinh tế, trước khi được bổ nhiệm là Trưởng phòng Quản lý Đầu tư.",
            "Phát biểu nhận nhiệm vụ, ông Thuận cam kết cùng tập thể lãnh đạo Ban nỗ lực hoàn thành các chỉ tiêu thu hút đầu tư và cải cách hành chính năm nay.",
        ],
        "author": "Thanh Mai",
        "source": "PBN",
        "hours_ago": 72,
        "tags": ["nhân sự"],
        "image": "purple",
    },
    {
        "section": "dau-tu-phat-trien",
        "title": "Thu hút 59,4 triệu USD vốn đầu tư vào các KCX - KCN trong quý II",
        "sapo": "Các khu chế xuất, khu công nghiệp của tỉnh thu hút 17 dự án mới trong quý II, tập trung vào ngành ít thâm dụng lao động.",
        "paragraphs": [
            "Trong quý II, các KCX - KCN thu hút 17 dự án trong và ngoài nước với tổng vốn đăng ký tương đương 59,4 triệu USD.",
            "Phần lớn dự án thuộc ngành điện tử, thiết bị y tế và chế biến thực phẩm — những ngành không gây ô nhiễm môi trường, phù hợp chủ trương chuyển dịch cơ cấu kinh tế.",
            "Ban Quản lý cho biết sẽ tiếp tục xúc tiến đầu tư theo hướng chọn lọc, ưu tiên dự án công nghệ cao và có suất đầu tư lớn trên mỗi héc-ta.",
        ],
        "author": "Huyền Thanh",
        "source": "PBN",
        "hours_ago": 5,
        "featured": True,
        "tags": ["thu hút đầu tư", "KCX"],
        "image": "green",
    },
    {
        "section": "dau-tu-phat-trien",
        "title": "Rút ngắn còn 10 ngày thời gian cấp giấy chứng nhận đăng ký đầu tư",
        "sapo": "Thời gian giải quyết hồ sơ cấp giấy chứng nhận đăng ký đầu tư tại Ban Quản lý được rút ngắn từ 15 xuống 10 ngày làm việc.",
        "paragraphs": [
            "Kể từ đầu tháng, toàn bộ hồ sơ đăng ký đầu tư được tiếp nhận và trả kết quả qua hệ thống một cửa điện tử.",
            "Nhà đầu tư có thể theo dõi tình trạng hồ sơ trực tuyến và nhận thông báo qua thư điện tử ở từng bước xử lý.",
            "Theo Ban Quản lý, việc rút ngắn thời gian giải quyết giúp doanh nghiệp tiết kiệm chi phí và sớm triển khai dự án.",
        ],
        "author": "Ngọc Anh",
        "source": "Phòng Quản lý Đầu tư",
        "hours_ago": 30,
        "tags": ["cải cách hành chính"],
        "image": "blue",
    },
    {
        "section": "dau-tu-phat-trien",
        "title": "Khởi công tuyến đường kết nối KCN Tân Phú với cảng Bình An",
        "sapo": "Tuyến đường dài 8,2 km, tổng mức đầu tư 1.718 tỷ đồng, dự kiến hoàn thành sau 24 tháng.",
        "paragraphs": [
            "Tuyến đường có quy mô 6 làn xe, giúp rút ngắn thời gian vận chuyển hàng hóa từ KCN Tân Phú đến cảng Bình An còn khoảng 15 phút.",
            "Chủ đầu tư cam kết bảo đảm an toàn giao thông và vệ sinh môi trường trong quá trình thi công.",
            "Đây là một trong những công trình trọng điểm của tỉnh giai đoạn này.",
        ],
        "author": "Quốc Bảo",
        "source": "PBN",
        "hours_ago": 96,
        "tags": ["hạ tầng"],
        "image": "orange",
    },
    {
        "section": "khu-cong-nghiep",
        "title": "KCN Tân Phú mở rộng đạt tỷ lệ lấp đầy 85%",
        "sapo": "Sau 3 năm đi vào hoạt động, KCN Tân Phú mở rộng đã thu hút 42 dự án với tỷ lệ lấp đầy 85%.",
        "paragraphs": [
            "KCN Tân Phú mở rộng có diện tích 320 ha, hạ tầng đồng bộ với nhà máy xử lý nước thải công suất 12.000 m³/ngày đêm.",
            "Các dự án trong KCN giải quyết việc làm cho gần 18.000 lao động, phần lớn là người địa phương.",
            "Công ty phát triển hạ tầng đang hoàn thiện thủ tục để đầu tư giai đoạn 3 với diện tích 150 ha.",
        ],
        "author": "Huyền Thanh",
        "source": "PBN",
        "hours_ago": 8,
        "tags": ["KCN Tân Phú", "khu công nghiệp"],
        "image": "teal",
    },
    {
        "section": "khu-cong-nghiep",
        "title": "Nhà máy xử lý nước thải tập trung KCN Sông Mây nâng công suất",
        "sapo": "Công suất nhà máy xử lý nước thải tập trung KCN Sông Mây được nâng từ 4.000 lên 8.000 m³/ngày đêm.",
        "paragraphs": [
            "Hệ thống quan trắc nước thải tự động được kết nối trực tiếp về Sở Tài nguyên và Môi trường.",
            "Ban Quản lý đánh giá việc nâng công suất là điều kiện để KCN tiếp nhận thêm các dự án mới.",
        ],
        "author": "Lê Hoàng",
        "source": "PBN",
        "hours_ago": 54,
        "tags": ["môi trường"],
        "image": "green",
    },
    {
        "section": "khu-cong-nghiep",
        "title": "Khu chế xuất Bình An đón nhà đầu tư thứ 100",
        "sapo": "Một doanh nghiệp sản xuất thiết bị y tế trở thành nhà đầu tư thứ 100 tại KCX Bình An.",
        "paragraphs": [
            "Dự án có vốn đầu tư 35 triệu USD, dự kiến đi vào hoạt động vào quý IV năm sau và tạo việc làm cho 1.200 lao động.",
            "Sau 25 năm hình thành và phát triển, KCX Bình An đã trở thành điểm đến quen thuộc của nhà đầu tư châu Á.",
        ],
        "author": "Minh Trí",
        "source": "PBN",
        "hours_ago": 120,
        "tags": ["KCX"],
        "image": "purple",
    },
    {
        "section": "lao-dong-viec-lam",
        "title": "Phiên giao dịch việc làm cung ứng hơn 3.000 chỗ làm cho công nhân",
        "sapo": "Phiên giao dịch việc làm lưu động tại KCN Sông Mây thu hút 46 doanh nghiệp tham gia tuyển dụng.",
        "paragraphs": [
            "Các vị trí tuyển dụng tập trung vào công nhân may, lắp ráp điện tử, vận hành máy và nhân viên kho.",
            "Mức lương khởi điểm từ 6,5 đến 9 triệu đồng mỗi tháng, chưa kể phụ cấp và tiền làm thêm giờ.",
            "Trung tâm Dịch vụ việc làm KCN cho biết sẽ tổ chức phiên giao dịch định kỳ vào thứ Bảy hàng tuần.",
        ],
        "author": "Thanh Mai",
        "source": "Trung tâm Dịch vụ việc làm",
        "hours_ago": 3,
        "tags": ["việc làm"],
        "image": "orange",
    },
    {
        "section": "lao-dong-viec-lam",
        "title": "Khánh thành thiết chế công đoàn phục vụ 20.000 công nhân",
        "sapo": "Khu thiết chế công đoàn gồm nhà ở, nhà trẻ, trạm y tế và khu vui chơi dành cho công nhân KCN.",
        "paragraphs": [
            "Công trình được xây dựng trên diện tích 5 ha, gồm 1.200 căn hộ cho thuê với giá ưu đãi.",
            "Nhà trẻ trong khu thiết chế nhận giữ trẻ từ 6 tháng tuổi, mở cửa đến 19 giờ để phù hợp với ca làm việc của công nhân.",
            "Đây là mô hình đầu tiên của tỉnh và sẽ được nhân rộng tại các KCN khác.",
        ],
        "author": "Ngọc Anh",
        "source": "PBN",
        "hours_ago": 26,
        "featured": True,
        "tags": ["công đoàn", "nhà ở công nhân"],
        "image": "teal",
    },
    {
        "section": "lao-dong-viec-lam",
        "title": "Đào tạo nghề miễn phí cho 500 lao động mất việc",
        "sapo": "Lao động mất việc tại các KCN được đào tạo nghề miễn phí và hỗ trợ tiền ăn trong thời gian học.",
        "paragraphs": [
            "Các khóa học gồm điện công nghiệp, hàn, vận hành máy CNC và tin học văn phòng, kéo dài từ 1 đến 3 tháng.",
            "Sau khóa học, học viên được giới thiệu việc làm tại các doanh nghiệp đang có nhu cầu tuyển dụng.",
        ],
        "author": "Quốc Bảo",
        "source": "PBN",
        "hours_ago": 80,
        "tags": ["đào tạo nghề"],
        "image": "blue",
    },
    {
        "section": "lao-dong-viec-lam",
        "title": "Không để xảy ra tranh chấp lao động tập thể trong dịp cuối năm",
        "sapo": "Ban Quản lý đề nghị doanh nghiệp thanh toán đầy đủ lương, thưởng cho người lao động trước kỳ nghỉ.",
        "paragraphs": [
            "Doanh nghiệp cần công khai phương án thưởng và kế hoạch nghỉ để người lao động chủ động.",
            "Các tổ chức công đoàn cơ sở được yêu cầu nắm bắt tâm tư công nhân, kịp thời phản ánh những vướng mắc.",
        ],
        "author": "Thanh Mai",
        "source": "Công đoàn các KCN",
        "hours_ago": 150,
        "tags": ["quan hệ lao động"],
        "image": "green",
    },
    {
        "section": "xay-dung-dang",
        "title": "Đảng bộ các KCX & KCN tổ chức Hội nghị Ban Chấp hành mở rộng",
        "sapo": "Hội nghị đánh giá kết quả 6 tháng đầu năm và bàn nhiệm vụ trọng tâm 6 tháng cuối năm.",
        "paragraphs": [
            "Trong 6 tháng, Đảng bộ đã tổ chức 6 lớp bồi dưỡng nhận thức về Đảng cho 420 quần chúng ưu tú, kết nạp 48 đảng viên mới.",
            "Hội nghị thống nhất tiếp tục đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với nhiệm vụ chính trị của từng đơn vị.",
            "Ban Chấp hành cũng đề ra giải pháp nâng chất sinh hoạt chi bộ tại các doanh nghiệp ngoài nhà nước.",
        ],
        "author": "Huyền Thanh",
        "source": "PBN",
        "hours_ago": 12,
        "tags": ["Đảng bộ"],
        "image": "purple",
    },
    {
        "section": "xay-dung-dang",
        "title": "Ra mắt chi bộ Đảng tại doanh nghiệp có vốn đầu tư nước ngoài",
        "sapo": "Chi bộ gồm 9 đảng viên là cán bộ quản lý và công nhân kỹ thuật của doanh nghiệp.",
        "paragraphs": [
            "Việc thành lập chi bộ nhận được sự ủng hộ của ban lãnh đạo doanh nghiệp.",
            "Chi bộ sẽ phối hợp với công đoàn và đoàn thanh niên chăm lo đời sống vật chất, tinh thần cho người lao động.",
        ],
        "author": "Minh Trí",
        "source": "PBN",
        "hours_ago": 200,
        "tags": ["Đảng bộ"],
        "image": "blue",
    },
    {
        "section": "xay-dung-dang",
        "title": "Đoàn Thanh niên các KCN ra quân tình nguyện hè",
        "sapo": "Hơn 300 đoàn viên thanh niên công nhân tham gia các hoạt động tình nguyện vì cộng đồng.",
        "paragraphs": [
            "Các hoạt động gồm hiến máu tình nguyện, trồng cây xanh tại khu nhà trọ công nhân và tổ chức lớp tin học miễn phí.",
            "Đoàn Thanh niên phấn đấu phát triển thêm 500 đoàn viên mới trong năm nay.",
        ],
        "author": "Ngọc Anh",
        "source": "Đoàn Thanh niên các KCN",
        "hours_ago": 40,
        "tags": ["thanh niên"],
        "image": "orange",
    },
    {
        "section": "dau-tu-phat-trien",
        "title": "Doanh nghiệp KCN được hỗ trợ chuyển đổi số",
        "sapo": "Chương trình hỗ trợ 50 doanh nghiệp nhỏ và vừa trong KCN ứng dụng phần mềm quản lý sản xuất.",
        "paragraphs": [
            "Doanh nghiệp tham gia được tư vấn miễn phí và hỗ trợ 50% chi phí thuê phần mềm trong năm đầu.",
            "Ban Quản lý đánh giá chuyển đổi số giúp doanh nghiệp nâng cao năng suất và đáp ứng yêu cầu truy xuất nguồn gốc của thị trường xuất khẩu.",
        ],
        "author": "Quốc Bảo",
        "source": "PBN",
        "hours_ago": 60,
        "tags": ["chuyển đổi số", "CNTT"],
        "image": "teal",
    },
    {
        "section": "khu-cong-nghiep",
        "title": "Kiểm tra an toàn vệ sinh lao động tại 30 doanh nghiệp",
        "sapo": "Đoàn kiểm tra liên ngành phát hiện và yêu cầu khắc phục 45 tồn tại về an toàn, vệ sinh lao động.",
        "paragraphs": [
            "Các tồn tại chủ yếu là thiếu biển cảnh báo, chưa huấn luyện định kỳ cho người lao động làm công việc có yêu cầu nghiêm ngặt.",
            "Ban Quản lý sẽ tái kiểm tra sau 30 ngày và xử lý nghiêm các trường hợp không khắc phục.",
        ],
        "author": "Lê Hoàng",
        "source": "PBN",
        "hours_ago": 170,
        "tags": ["an toàn lao động"],
        "image": "green",
    },
    {
        "section": "thoi-su",
        "title": "Họp báo công bố kết quả chỉ số cải cách hành chính năm trước",
        "sapo": "Ban Quản lý các KCN xếp thứ 3 trong khối sở, ban, ngành về chỉ số cải cách hành chính.",
        "paragraphs": [
            "Kết quả được công bố tại buổi họp báo định kỳ của UBND tỉnh.",
            "Ban Quản lý đặt mục tiêu năm nay đạt 100% hồ sơ giải quyết đúng hạn và 90% hồ sơ nộp trực tuyến.",
        ],
        "author": "Thanh Mai",
        "source": "PBN",
        "hours_ago": 240,
        "tags": ["cải cách hành chính"],
        "image": "purple",
    },
]

COMMENTS = [
    # (article index, name, body, hours_ago)
    (
        0,
        "Nguyễn Văn Hùng",
        "Mong Ban Quản lý tiếp tục cải cách thủ tục để doanh nghiệp đỡ vất vả.",
        1,
    ),
    (0, "Trần Thị Lan", "Số liệu rất đáng mừng. Chúc các KCN phát triển hơn nữa!", 1),
    (10, "Lê Minh Tâm", "Cho hỏi phiên giao dịch việc làm tuần sau tổ chức ở đâu ạ?", 2),
]
