//! The API's documentation in Vietnamese: each operation's summary (by
//! method and path), each parameter's and body's description (by its
//! English text, which the parts define beside their handlers), and who
//! may call. A test checks that every documented operation, parameter and
//! body has its Vietnamese here, so a new operation without one fails.

/// (method, path, summary in Vietnamese).
pub const SUMMARIES: &[(&str, &str, &str)] = &[
    (
        "get",
        "/api/v1/health",
        "Hệ thống đang chạy; lần công bố nào đang được nạp.",
    ),
    (
        "get",
        "/api/v1/overview",
        "Tăng trưởng IIP của một vùng, nhóm tỉnh trong một tháng bên cạnh cả nước, xếp hạng các tỉnh thành viên, các tiểu vùng, mức đóng góp.",
    ),
    (
        "get",
        "/api/v1/provinces",
        "Mọi tỉnh, thành phố trên bản đồ đã chọn với tăng trưởng IIP của tháng và cộng dồn.",
    ),
    (
        "get",
        "/api/v1/provinces/{code}",
        "Số liệu trang của một tỉnh: tăng trưởng chung bên cạnh cả nước, theo ngành cấp 1 và cấp 2, sản phẩm chủ yếu, chỉ tiêu thương mại, chỉ tiêu kế hoạch so với thực hiện.",
    ),
    (
        "get",
        "/api/v1/products",
        "Sản lượng các sản phẩm công nghiệp chủ yếu của một vùng (hoặc cả nước, VN): tháng, cộng dồn, tăng trưởng, tỷ trọng trong cả nước.",
    ),
    (
        "get",
        "/api/v1/trade",
        "Tổng mức bán lẻ (tỷ đồng) và kim ngạch xuất khẩu (triệu USD) của các tỉnh trong vùng: tháng, cộng dồn, tăng trưởng.",
    ),
    (
        "get",
        "/api/v1/series",
        "Chuỗi IIP theo địa bàn, ngành và khoảng tháng: chỉ số, tăng trưởng so với tháng trước, cùng tháng năm trước và cộng dồn.",
    ),
    (
        "get",
        "/api/v1/reference",
        "Tăng trưởng IIP cả nước do Tổng cục Thống kê công bố, như đã công bố (kèm số điều chỉnh nếu có), với nguồn.",
    ),
    (
        "get",
        "/api/v1/me",
        "Tài khoản đang đăng nhập, và mã CSRF mà các lệnh ghi gửi kèm trong tiêu đề X-CSRF-Token.",
    ),
    (
        "get",
        "/api/v1/submissions",
        "Mọi phiên bản đã lưu của báo cáo của một tỉnh (có thể chỉ một tháng), mới nhất trước.",
    ),
    (
        "post",
        "/api/v1/submissions",
        "Nộp báo cáo tháng của một tỉnh (nội dung là tệp CSV hoặc XLSX): kiểm tra toàn bộ, lưu thành phiên bản mới; mã 422 liệt kê mọi lỗi kèm dòng và cột.",
    ),
    (
        "get",
        "/api/v1/releases",
        "Mọi lần công bố (bộ số liệu đã công bố, không đổi), mới nhất trước.",
    ),
    (
        "post",
        "/api/v1/releases",
        "Tổng hợp các báo cáo đã lưu thành một lần công bố mới.",
    ),
    (
        "get",
        "/api/v1/releases/{id}",
        "Một lần công bố: kỳ, dữ liệu đầu vào, số lượng và mã băm nội dung.",
    ),
    (
        "get",
        "/api/v1/releases/{a}/diff/{b}",
        "Những gì thay đổi giữa hai lần công bố: dữ liệu đầu vào thêm, thay hoặc bỏ, và mọi số liệu đã thay đổi (tính một lần cho mỗi cặp rồi giữ lại). JSON trả một trang các dòng chỉ số thay đổi (`index_total` đếm tất cả); csv và xlsx trả mọi dòng.",
    ),
    (
        "get",
        "/api/openapi.json",
        "Tài liệu này (OpenAPI 3, JSON).",
    ),
    ("get", "/api/docs", "Tài liệu này dưới dạng trang web."),
    (
        "post",
        "/api/v1/epcis/capture",
        "Ghi nhận một tài liệu EPCIS 2.0 (EPCISDocument JSON hoặc JSON-LD, tối đa 8 MiB): kiểm tra toàn bộ (mã 422 liệt kê mọi lỗi kèm dòng, cột và đường dẫn JSON; JSON hỏng là mã 400), rồi lưu tất cả hoặc không lưu gì; mỗi sự kiện được nhận diện bằng mã băm sự kiện, nên gửi lại lần nữa không lưu thêm gì. Trả về mã lần ghi nhận, mã băm và kết quả của từng sự kiện (201 khi có dữ liệu mới được lưu, 200 khi không có gì mới). Có ghi nhật ký.",
    ),
    (
        "get",
        "/api/v1/epcis/events",
        "Các sự kiện khớp các tham số SimpleEventQuery của EPCIS, dưới dạng EPCISQueryDocument (tối đa 1000 nếu không có eventCountLimit hoặc maxEventCount). Hỗ trợ: eventType, GE_/LT_eventTime, GE_/LT_recordTime, EQ_action, EQ_bizStep, EQ_disposition, EQ_persistentDisposition_set/unset, EQ_readPoint, EQ_bizLocation, EQ_transformationID, MATCH_epc, MATCH_parentID, MATCH_inputEPC, MATCH_outputEPC, MATCH_anyEPC, MATCH_epcClass, MATCH_inputEPCClass, MATCH_outputEPCClass, MATCH_anyEPCClass, EQ_eventID, EXISTS_errorDeclaration, EQ_errorReason, EQ_/GT_/GE_/LT_/LE_quantity, orderBy, orderDirection, eventCountLimit, maxEventCount; nhiều giá trị cách nhau bằng |.",
    ),
    (
        "get",
        "/api/v1/epcis/trace",
        "Truy xuất một lô, số sê-ri hoặc kiện hàng ngược (từ đâu đến) hoặc xuôi (đi đến đâu): một bước (depth=1, kèm các bên của mỗi lần di chuyển: một bước trước, một bước sau) hoặc cả chuỗi, qua các công đoạn chế biến và đóng gói.",
    ),
    (
        "get",
        "/api/v1/epcis/recall",
        "Phạm vi thu hồi các lô nghi vấn: mọi thứ làm ra từ chúng hoặc đóng cùng sản phẩm của chúng, tình trạng từng mặt hàng (có nguy cơ, đã bán, đã thu hồi, đã dùng, đã tiêu huỷ), đang ở đâu và ai đang giữ.",
    ),
    (
        "get",
        "/api/v1/epcis/integrity",
        "Các chỗ thiếu trong hồ sơ: nhận hàng không rõ bên cung cấp, xuất hàng không rõ bên nhận, mã không rõ nguồn gốc (Thông tư 02/2024/TT-BKHCN: một bước trước, một bước sau).",
    ),
    (
        "get",
        "/api/v1/brands",
        "Sổ đăng ký sản phẩm chủ lực (OCOP): tỉnh, nhóm, điểm và hạng sao, hiệu lực và tình trạng giấy chứng nhận hôm nay, các mã GTIN kèm đường dẫn Digital Link, các lô hàng liên kết của từng sản phẩm.",
    ),
    (
        "post",
        "/api/v1/brands",
        "Thêm một sản phẩm vào sổ đăng ký (một đối tượng JSON gồm các trường văn bản: `province`, `name`, `producer`, `group`, `criteria`, `score_a`, `score_b`, `score_c`, `stars`, `decision`, `decided`, `valid_until`, `gtins`, `lots` và `note`; điểm viết 35,5 hoặc 35.5). Mã 422 liệt kê mọi lỗi theo trường. Có ghi nhật ký.",
    ),
    (
        "post",
        "/api/v1/brands/import",
        "Nhập sổ đăng ký từ bảng tính (nội dung là tệp XLSX hoặc CSV; các cột như trong mẫu /nhan-hieu/mau.xlsx): tất cả hoặc không gì, mã 422 liệt kê mọi lỗi kèm dòng và cột; mỗi dòng chỉ sản phẩm bằng id, hoặc bằng tỉnh, tên và chủ thể, nên nhập hai lần không thêm gì. Ghi nhật ký từng sản phẩm.",
    ),
    (
        "get",
        "/api/v1/brands/{id}",
        "Một sản phẩm trong sổ đăng ký, các lô truy xuất được và thông tin của mọi phiên bản.",
    ),
    (
        "put",
        "/api/v1/brands/{id}",
        "Một phiên bản mới của sản phẩm (các trường như POST, thêm `expected_version`: phiên bản mà lần sửa dựa vào; sửa từ phiên bản cũ bị từ chối). Không đổi được tỉnh. Có ghi nhật ký.",
    ),
    (
        "post",
        "/api/v1/origin/check",
        "Kiểm tra một sản phẩm và bảng định mức nguyên liệu theo quy tắc cụ thể mặt hàng do người gọi chọn (ví dụ `RVC40 hoặc CTH`) của ATIGA, CPTPP, EVFTA và/hoặc RCEP: đạt hay không theo từng hiệp định và tiêu chí kèm cách tính, và con đường chứng nhận hoặc tự chứng nhận xuất xứ. Không kèm bảng quy tắc cụ thể mặt hàng (PSR) của các hiệp định. Không lưu gì.",
    ),
    (
        "post",
        "/api/v1/origin/checks",
        "Kiểm tra xuất xứ và lưu kết quả cho phần sẵn sàng xuất khẩu của một tỉnh (nội dung như `/api/v1/origin/check`, thêm `province`, `product_name` và có thể `brand_id`: sản phẩm trong sổ đăng ký). Có ghi nhật ký.",
    ),
    (
        "get",
        "/api/v1/origin/checks",
        "Các kết quả kiểm tra xuất xứ đã lưu của một tỉnh, mới nhất trước, kèm kết quả theo từng hiệp định.",
    ),
    (
        "get",
        "/api/v1/exports/readiness",
        "Mức sẵn sàng xuất khẩu của từng tỉnh: sản phẩm trong sổ đăng ký, giấy chứng nhận OCOP còn hiệu lực, sản phẩm có GTIN, sản phẩm và lô truy xuất được, kết quả kiểm tra xuất xứ đã lưu và số đạt, sản phẩm sẵn sàng xuất khẩu (đủ cả bốn).",
    ),
    (
        "get",
        "/api/v1/projects",
        "Các dự án trọng điểm của một phạm vi, tình trạng tính từ ngày tháng (đúng tiến độ, có nguy cơ chậm, chậm, hoàn thành) và số ngày chậm.",
    ),
    (
        "post",
        "/api/v1/projects",
        "Tạo hoặc thay một dự án trọng điểm (toàn bộ hồ sơ dạng JSON). Lịch sử được giữ: kế hoạch gốc không đổi, các lần điều chỉnh và cập nhật trước vẫn còn; một phiên bản mới kèm ai, khi nào, vì sao.",
    ),
    (
        "get",
        "/api/v1/projects/late",
        "Các dự án trọng điểm chậm và có nguy cơ chậm của một phạm vi, gấp nhất trước: ai (cơ quan) phải làm gì (mốc, thủ tục, vướng mắc) trước ngày nào, số ngày chậm, cấp xử lý.",
    ),
    (
        "get",
        "/api/v1/projects/disbursement",
        "Giải ngân so với kế hoạch năm theo tỉnh, xếp hạng, so với mức bình quân (và kế hoạch Thủ tướng giao nếu có).",
    ),
    (
        "get",
        "/api/v1/projects/{id}",
        "Một dự án trọng điểm: hồ sơ, tình trạng, tiến độ (kế hoạch gốc, các lần điều chỉnh, thực tế), ai phải làm gì, giá trị thu được (SPI = EV/PV, CPI = EV/AC), lịch sử phiên bản và nhật ký.",
    ),
    (
        "post",
        "/api/v1/projects/{id}/updates",
        "Thêm một cập nhật tiến độ (chỉ ghi thêm).",
    ),
    (
        "post",
        "/api/v1/projects/{id}/milestones/{code}/actual",
        "Ghi (hoặc sửa; null để xoá) ngày hoàn thành thực tế của một mốc.",
    ),
    (
        "post",
        "/api/v1/projects/{id}/milestones/{code}/replans",
        "Điều chỉnh một mốc: ngày kế hoạch mới kèm lý do và quyết định phê duyệt, giữ bên cạnh kế hoạch gốc và các lần điều chỉnh trước (không ghi đè).",
    ),
    (
        "post",
        "/api/v1/projects/{id}/blockers",
        "Thêm một vướng mắc kèm cơ quan chịu trách nhiệm, cấp xử lý và thời hạn.",
    ),
    (
        "post",
        "/api/v1/projects/{id}/blockers/{code}/resolve",
        "Giải quyết một vướng mắc đang mở: ngày và cách giải quyết.",
    ),
    (
        "get",
        "/api/v1/strategies",
        "Danh mục chiến lược: với mỗi tỉnh trong phạm vi và mỗi chiến lược, đề án phải có, đã ban hành hay chưa (số và ngày quyết định), đã tích hợp vào quy hoạch tỉnh chưa.",
    ),
    (
        "post",
        "/api/v1/strategies",
        "Đánh dấu chiến lược, đề án của một tỉnh đã ban hành (mã tỉnh 2025, số và ngày quyết định, đã tích hợp hay chưa).",
    ),
    (
        "get",
        "/api/v1/investment",
        "Thu hút đầu tư: số dự án đăng ký, vốn đăng ký và giải ngân, theo ngành ưu tiên, trong nước hay nước ngoài, theo tỉnh.",
    ),
    (
        "get",
        "/api/v1/difficulties",
        "Khó khăn, kiến nghị của doanh nghiệp theo cơ quan chịu trách nhiệm (đang mở, quá hạn, đã xong đúng hạn hoặc trễ hạn) và danh sách quá hạn, lâu nhất trước.",
    ),
    (
        "post",
        "/api/v1/difficulties",
        "Ghi một khó khăn, kiến nghị của doanh nghiệp hoặc hiệp hội (mã tỉnh 2025); tự tạo mã nếu không có.",
    ),
    (
        "post",
        "/api/v1/difficulties/{id}/close",
        "Kết thúc một khó khăn đang mở: đã giải quyết hoặc đã trả lời, ngày và cách giải quyết.",
    ),
    (
        "get",
        "/api/v1/projects/registers/{register}/template",
        "Mẫu Excel của một sổ theo dõi (dự án, chiến lược, đầu tư, khó khăn).",
    ),
    (
        "get",
        "/api/v1/projects/registers/{register}/export",
        "Các hồ sơ hiện có của một sổ theo dõi dạng XLSX, theo bố cục của mẫu (sửa rồi nhập lại được).",
    ),
    (
        "post",
        "/api/v1/projects/registers/import",
        "Nhập một mẫu đã điền (nội dung là tệp XLSX): tất cả hoặc không gì; mã 422 liệt kê mọi lỗi kèm trang tính, dòng, cột và lý do.",
    ),
];

/// (parameter or body description in English, in Vietnamese).
pub const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "Release number (default: the latest): the answer for good, so a cited figure can be linked. 404 for an unknown release.",
        "Số của lần công bố (mặc định: lần mới nhất): câu trả lời không bao giờ đổi, nên một số liệu được trích dẫn có thể dẫn link mãi. Lần công bố không có: 404.",
    ),
    (
        "With format=csv: vi writes ';' between cells, a decimal comma, values rounded half-up as the pages show them, and codes and months as text (=\"01\").",
        "Với `format=csv`: `vi` ghi dấu `;` giữa các ô, dấu phẩy thập phân, giá trị làm tròn (nửa lên) như trên trang, mã và tháng dạng chữ (`=\"01\"`) để Excel theo thiết lập Việt Nam đọc đúng.",
    ),
    (
        "JSON: the first changed index row of the page (default 0).",
        "JSON: dòng chỉ số thay đổi đầu tiên của trang (mặc định 0).",
    ),
    (
        "JSON: changed index rows in the page (default 1000, at most 10000).",
        "JSON: số dòng chỉ số thay đổi trong một trang (mặc định 1000, tối đa 10000).",
    ),
    (
        "The province's two-digit code (2025 boundaries for months from 2025-07).",
        "Mã tỉnh hai chữ số (bản đồ 2025 cho các tháng từ 2025-07).",
    ),
    (
        "For csv, xlsx and sdmx: nodes (default), products, indicators or targets (no SDMX form).",
        "Với `csv`, `xlsx` và `sdmx`: `nodes` (ngành, mặc định), `products` (sản phẩm), `indicators` (chỉ tiêu) hoặc `targets` (kế hoạch, không có dạng SDMX).",
    ),
    (
        "Comma-separated province codes and/or VN (give area or group).",
        "Các mã tỉnh và/hoặc VN, cách nhau bằng dấu phẩy (cho area hoặc group).",
    ),
    (
        "Comma-separated group ids (the group's own series), or members:<group> for each member province.",
        "Các mã vùng cách nhau bằng dấu phẩy (chuỗi của cả vùng), hoặc `members:<mã vùng>` cho từng tỉnh thành viên.",
    ),
    (
        "Comma-separated industry codes: TOTAL, section letters, divisions, classes, product codes (default TOTAL, or every node of the level).",
        "Các mã ngành cách nhau bằng dấu phẩy: `TOTAL`, chữ cái ngành cấp 1, ngành cấp 2, cấp 4, mã sản phẩm (mặc định `TOTAL`, hoặc mọi ngành của cấp đã chọn).",
    ),
    (
        "pre2025 or 2025 (default).",
        "`pre2025` hoặc `2025` (mặc định).",
    ),
    (
        "json (default), csv or xlsx.",
        "`json` (mặc định), `csv` hoặc `xlsx`.",
    ),
    (
        "Month YYYY-MM (default: every month).",
        "Tháng YYYY-MM (mặc định: mọi tháng).",
    ),
    (
        "Why this version (required for a revision).",
        "Lý do của phiên bản này (bắt buộc khi điều chỉnh).",
    ),
    (
        "json (default), csv or xlsx (the changed index rows).",
        "`json` (mặc định), `csv` hoặc `xlsx` (các dòng chỉ số đã thay đổi).",
    ),
    (
        "The report file, CSV (microdata columns) or the Excel template.",
        "Tệp báo cáo: CSV (các cột vi dữ liệu) hoặc mẫu Excel.",
    ),
    (
        "A province's two-digit code on the 2025 map (default: every province).",
        "Mã tỉnh hai chữ số trên bản đồ 2025 (mặc định: mọi tỉnh).",
    ),
    (
        "vi (default) or en: the language of names and texts.",
        "`vi` (mặc định) hoặc `en`: ngôn ngữ của tên và nội dung.",
    ),
    (
        "A name for the document in the capture log (default: api).",
        "Tên của tài liệu trong nhật ký ghi nhận (mặc định: `api`).",
    ),
    (
        "Business step(s), bare CBV words or URIs, e.g. shipping.",
        "Công đoạn kinh doanh: từ CBV hoặc URI, ví dụ `shipping`.",
    ),
    (
        "EPC URIs, Digital Links or patterns (urn:epc:idpat:sgtin:8930003.000002.*).",
        "Mã EPC URI, đường dẫn Digital Link hoặc mẫu (urn:epc:idpat:sgtin:8930003.000002.*).",
    ),
    (
        "Events at or after this time (RFC 3339).",
        "Các sự kiện từ thời điểm này trở đi (RFC 3339).",
    ),
    (
        "An EPC URI (urn:epc:class:lgtin:…, urn:epc:id:sgtin:…, urn:epc:id:sscc:…) or GS1 Digital Link.",
        "Một mã EPC URI (urn:epc:class:lgtin:…, urn:epc:id:sgtin:…, urn:epc:id:sscc:…) hoặc đường dẫn GS1 Digital Link.",
    ),
    (
        "backward (default) or forward.",
        "`backward` (truy ngược, mặc định) hoặc `forward` (truy xuôi).",
    ),
    (
        "Steps to follow: 1 for one step; all (default) for the whole chain.",
        "Số bước: `1` cho một bước; `all` (mặc định) cho cả chuỗi.",
    ),
    (
        "The suspect identifiers, separated by |.",
        "Các mã nghi vấn, cách nhau bằng |.",
    ),
    (
        "Why (kept with every version written).",
        "Lý do (lưu cùng mọi phiên bản được ghi).",
    ),
    (
        "An EPCISDocument (JSON / JSON-LD).",
        "Một EPCISDocument (JSON / JSON-LD).",
    ),
    (
        "The register file (XLSX or CSV).",
        "Tệp sổ đăng ký (XLSX hoặc CSV).",
    ),
    (
        "Group id, e.g. north_28, or all (the default: every province).",
        "Mã vùng, ví dụ `north_28`, hoặc `all` (mặc định: mọi tỉnh).",
    ),
    (
        "Province code(s) on the chosen boundaries, comma-separated (instead of group).",
        "Các mã tỉnh trên bản đồ đã chọn, cách nhau bằng dấu phẩy (thay cho group).",
    ),
    (
        "The day status is computed for, YYYY-MM-DD (default: today in Vietnam, UTC+7).",
        "Ngày dùng để tính tình trạng, YYYY-MM-DD (mặc định: hôm nay theo giờ Việt Nam, UTC+7).",
    ),
    (
        "An item not done and due within this many days is at risk (default 30).",
        "Việc chưa xong và đến hạn trong số ngày này là có nguy cơ chậm (mặc định 30).",
    ),
    (
        "The plan year (default: the day's year).",
        "Năm kế hoạch (mặc định: năm của ngày đang xét).",
    ),
    (
        "Disbursed from January through this month (default: the month before the day's, December for past years).",
        "Giải ngân từ tháng 1 đến hết tháng này (mặc định: tháng trước tháng của ngày đang xét; tháng 12 với các năm đã qua).",
    ),
    (
        "Compare with this average rate, percent (e.g. the national one; default: the rows' aggregate rate).",
        "So sánh với tỷ lệ bình quân này, phần trăm (ví dụ của cả nước; mặc định: tỷ lệ chung của các dòng); viết 45,5 hoặc 45.5.",
    ),
    (
        "Breakdown: any of province, industry, origin, comma-separated (default industry,origin).",
        "Chia theo: `province` (tỉnh), `industry` (ngành), `origin` (nguồn vốn), cách nhau bằng dấu phẩy (mặc định `industry,origin`).",
    ),
    (
        "Only difficulties of agencies whose name contains this (without case or diacritics).",
        "Chỉ các khó khăn của cơ quan có tên chứa chuỗi này (không phân biệt hoa thường hay dấu).",
    ),
    (
        "The version the body replaces (0: must be new); another version gives 409.",
        "Phiên bản mà nội dung thay thế (0: phải là hồ sơ mới); khác phiên bản hiện tại thì trả mã 409.",
    ),
    (
        "Why (kept with the version and in the audit log).",
        "Lý do (lưu cùng phiên bản và trong nhật ký).",
    ),
    (
        "The file's name, for the error list.",
        "Tên tệp, để ghi trong danh sách lỗi.",
    ),
    ("The workbook (.xlsx).", "Tệp Excel (.xlsx)."),
    ("A project:", "Một dự án:"),
    (
        "Group id, e.g. north_28 (default), a GSO region, or a derived sub-region id.",
        "Mã vùng, ví dụ `north_28` (mặc định), một vùng kinh tế - xã hội của Tổng cục Thống kê, hoặc mã tiểu vùng.",
    ),
    (
        "Two-digit province code on the chosen boundaries, or VN.",
        "Mã tỉnh hai chữ số trên bản đồ đã chọn, hoặc VN (cả nước).",
    ),
    (
        "Month YYYY-MM (default: the latest released).",
        "Tháng YYYY-MM (mặc định: tháng mới nhất đã công bố).",
    ),
    (
        "First month YYYY-MM (default: the first released).",
        "Tháng đầu YYYY-MM (mặc định: tháng đầu tiên đã công bố).",
    ),
    (
        "Last month YYYY-MM (default: the latest released).",
        "Tháng cuối YYYY-MM (mặc định: tháng mới nhất đã công bố).",
    ),
    (
        "pre2025 (63 provinces, months to 2025-06) or 2025 (34; the default).",
        "`pre2025` (63 tỉnh, các tháng đến 2025-06) hoặc `2025` (34 tỉnh; mặc định).",
    ),
    (
        "Industry level: total, section, division, class or product (default: all).",
        "Cấp ngành: `total` (toàn ngành), `section` (cấp 1), `division` (cấp 2), `class` (cấp 4) hoặc `product` (sản phẩm) (mặc định: mọi cấp).",
    ),
    (
        "Growth threshold in percent (default 11).",
        "Ngưỡng tăng trưởng, phần trăm (mặc định 11); viết 10,5 hoặc 10.5.",
    ),
    (
        "json (default), csv, xlsx or sdmx (SDMX-CSV 1.0).",
        "`json` (mặc định), `csv`, `xlsx` hoặc `sdmx` (SDMX-CSV 1.0).",
    ),
    ("Path parameter.", "Tham số trong đường dẫn."),
];

/// The description in Vietnamese, if there is one.
pub fn description(en: &str) -> Option<&'static str> {
    DESCRIPTIONS.iter().find(|(e, _)| *e == en).map(|(_, v)| *v)
}

/// An operation's summary in Vietnamese, if there is one.
pub fn summary(method: &str, path: &str) -> Option<&'static str> {
    SUMMARIES
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, v)| *v)
}
